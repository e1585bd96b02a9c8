export { launchChromium } from '../../src/tools/chromium';
