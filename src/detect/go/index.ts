import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const goDetector: Detector = {
  id: 'go',
  displayName: 'Go',
  priority: 60,
  markers: ['go.mod', 'go.work'],
  detect,
  plan,
};
