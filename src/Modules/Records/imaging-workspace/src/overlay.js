// The technical overlay of a viewport: modality, series, image i/n, slice position, W/L, zoom — never the patient's identity.
import { metaData, utilities as csUtils } from '@cornerstonejs/core';
import { t } from './i18n.js';

export function updateOverlay(viewport, overlay, state) {
  const imageIds = viewport.getImageIds?.() ?? [];
  if (!imageIds.length) {
    overlay.textContent = '';
    return;
  }

  const index = viewport.getCurrentImageIdIndex();
  const imageId = imageIds[index];
  const plane = metaData.get('imagePlaneModule', imageId) ?? {};
  const { voiRange } = viewport.getProperties();
  const wl = voiRange ? csUtils.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper) : null;
  const zoom = viewport.getZoom?.() ?? 1;
  const lines = [
    `${state.modality} — ${state.description}`,
    `${t('image')} ${index + 1}/${imageIds.length}`,
    plane.sliceLocation != null ? `${t('slice')} ${Number(plane.sliceLocation).toFixed(1)} mm` : '',
    wl ? `W ${Math.round(wl.windowWidth)} / L ${Math.round(wl.windowCenter)}` : '',
    `${t('zoom')} ${Math.round(zoom * 100)} %`,
    state.fallback ? `(${t('fallback')})` : '',
    state.hasSpacing ? '' : `mm ${t('approximate')}`,
  ];
  overlay.textContent = lines.filter(Boolean).join('\n');
  overlay.dataset.index = String(index + 1);
  overlay.dataset.count = String(imageIds.length);
}
