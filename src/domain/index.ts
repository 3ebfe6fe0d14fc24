export * from './video.js';
export * from './media-facts.js';
export * from './catalogue.js';
export * from './job.js';
export * from './model-run.js';
export * from './evaluation.js';
export * from './api-shapes.js';
