// `X-CardDesk-Version` of head office: the project's version and head office's schema version.
import pkg from '../package.json';
import { knownVersion } from './db/migrate';

export const HQ_VERSION = `${pkg.version}/${knownVersion()}`;
