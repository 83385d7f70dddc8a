import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const staticDetector: Detector = {
  id: 'static',
  displayName: 'Static site',
  priority: 10,
  markers: ['index.html'],
  nestedInService: false,
  detect,
  plan,
};
