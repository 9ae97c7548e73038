// Files the app opens at run time that are not in its bundles, relative to its resources folder: electron-builder's
// extraResources put them in process.resourcesPath; run from the source tree they are the repo's resources/.
import path from 'node:path';

/** The CJK font embedded in PDFs (extraResources: resources/fonts → fonts). */
export const FONT_FILE = 'fonts/wqy-microhei.ttc';

export function resourceFile(resourcesDir: string, file: string): string {
  return path.join(resourcesDir, ...file.split('/'));
}

/** From the bundles' folder (dist/) in the source tree. */
export function sourceResourcesDir(distDir: string): string {
  return path.join(distDir, '..', 'resources');
}
