// Placeholder until the go Dockerfile recipe lands in this session.
import type { StackRenderer } from './types.js';

export const render: StackRenderer = () => ({ text: '', notes: [] });
