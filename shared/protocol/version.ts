// The project's version, as both sides name themselves in `X-CardDesk-Version: {app version}/{schema version}`.
// A named import: the bundles carry this one value, not the whole package.json.
import { version } from '../../package.json';

export const APP_VERSION = version;
