import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const phpDetector: Detector = {
  id: 'php',
  displayName: 'PHP',
  priority: 60,
  markers: ['composer.json', 'index.php', 'artisan'],
  detect,
  plan,
};
