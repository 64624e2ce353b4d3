export * from './geometry.js';
export * from './loaded.js';
export * from './layout.js';
export * from './findings.js';
export * from './document.js';
export * from './draft.js';
export * from './flow.js';
export * from './ocrReading.js';
