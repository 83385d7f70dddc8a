import type { Detector } from '../types.js';
import { detect, plan } from './detect.js';

export const pythonDetector: Detector = {
  id: 'python',
  displayName: 'Python',
  priority: 60,
  // Manifests first; the rest catch projects whose only manifest is in a requirements/ folder.
  markers: [
    'pyproject.toml', 'requirements.txt', 'requirements*.txt', 'Pipfile', 'setup.py', 'setup.cfg', 'manage.py', 'uv.lock', 'poetry.lock', 'pdm.lock',
    'app.py', 'main.py', 'wsgi.py', 'asgi.py', 'Procfile', 'runtime.txt', '.python-version',
  ],
  detect,
  plan,
};
