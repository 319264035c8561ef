import { withinSupportWindow } from '../catalog/support-window.js';
import type { ProductView } from './product-view.js';

/**
 * One product's view with Apple's support window applied (see catalog/support-window.ts): every
 * Apple OS track outside the newest `supportedMajors` is unsupported, so placeHost sends a host
 * on it to an upgrade. Other schemes are returned unchanged.
 */
export function withSupportWindow(view: ProductView, supportedMajors: number): ProductView {
  if (view.product.scheme !== 'apple-os') return view;
  const entries = withinSupportWindow(view.entries, supportedMajors);
  return entries === view.entries ? view : { ...view, entries };
}
