import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const rustDetector: Detector = {
  id: 'rust',
  displayName: 'Rust',
  priority: 60,
  markers: ['Cargo.toml'],
  detect,
  plan,
};
