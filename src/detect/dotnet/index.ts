import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const dotnetDetector: Detector = {
  id: 'dotnet',
  displayName: '.NET',
  priority: 60,
  markers: ['*.csproj', '*.fsproj', '*.vbproj', '*.sln', '*.slnx'],
  detect,
  plan,
};
