import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const nodeDetector: Detector = {
  id: 'node',
  displayName: 'Node.js',
  priority: 40,
  markers: ['package.json'],
  detect,
  plan,
};
