import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const elixirDetector: Detector = {
  id: 'elixir',
  displayName: 'Elixir',
  priority: 60,
  markers: ['mix.exs'],
  detect,
  plan,
};
