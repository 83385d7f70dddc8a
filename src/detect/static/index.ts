import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const staticDetector: Detector = {
  id: 'static',
  displayName: 'Static site',
  priority: 10,
  // index.html for plain sites; Hugo's config files (legacy config.* only count with baseURL and content/).
  markers: ['index.html', 'hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml'],
  nestedInService: false,
  detect,
  plan,
};
