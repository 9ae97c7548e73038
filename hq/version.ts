// `X-CardDesk-Version` of head office: the project's version and head office's schema version.
import { APP_VERSION } from '../shared/protocol/version';
import { knownVersion } from './db/migrate';

export const HQ_VERSION = `${APP_VERSION}/${knownVersion()}`;
