import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const jvmDetector: Detector = {
  id: 'jvm',
  displayName: 'Java / Kotlin',
  priority: 60,
  markers: ['pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'],
  detect,
  plan,
};
