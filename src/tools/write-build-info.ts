import { relative } from 'node:path';
import { PROJECT_ROOT } from '../content/paths';
import { BUILD_INFO_FILE, commitAtBuild, writeBuildInfo } from '../ops/build-info';

/** A step of `npm run build`: records the commit being built in dist/build-info.json. */
if (require.main === module) {
  const commit = commitAtBuild();
  writeBuildInfo(commit);
  console.log(`Wrote ${relative(PROJECT_ROOT, BUILD_INFO_FILE)} (commit ${commit})`);
}
