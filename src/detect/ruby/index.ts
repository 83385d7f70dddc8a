import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const rubyDetector: Detector = {
  id: 'ruby',
  displayName: 'Ruby',
  priority: 60,
  markers: ['Gemfile', 'config.ru'],
  detect,
  plan,
};
