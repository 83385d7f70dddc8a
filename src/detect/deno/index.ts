import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const denoDetector: Detector = {
  id: 'deno',
  displayName: 'Deno',
  priority: 70,
  markers: ['deno.json', 'deno.jsonc'],
  detect,
  plan,
};
