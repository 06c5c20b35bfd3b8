// Series and studies from the portal's DICOMweb: QIDO-RS lists, WADO-RS metadata registered with the loader.
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';

const json = async (url) => {
  // boot.js may have asked already, while the bundle loaded: take its answer once.
  const early = window.hapEarly?.get(url);
  if (early) {
    window.hapEarly.delete(url);
    return early;
  }

  const response = await fetch(url, { headers: { Accept: 'application/dicom+json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
};

export const value = (item, tag) => item?.[tag]?.Value?.[0];
export const text = (item, tag) => {
  const v = value(item, tag);
  return v == null ? '' : typeof v === 'object' ? (v.Alphabetic ?? '') : String(v);
};

// The patient's own DICOMweb base (/patients/{id}/dicomweb): the standard base answers a study UID with every record
// that shares it, and the workspace shows one patient under one banner.
const web = () => document.getElementById('imaging-workspace')?.dataset.dicomweb ?? '/dicomweb';

export const seriesUrl = (study, series) => `${web()}/studies/${study}/series/${series}`;

export function listSeries(study) {
  return json(`${web()}/studies/${study}/series`);
}

// Cornerstone's WADO-RS metadata reader takes a palette's lookup tables only as a Value array of numbers, but DICOM JSON
// carries OW values as InlineBinary (PS3.18 F.2.7): without this a PALETTE COLOR image (an ultrasound, a colour-coded
// map) never appeared. The tables are little-endian 16-bit words, one per entry.
const paletteData = ['00281201', '00281202', '00281203'];
function withPaletteValues(meta) {
  for (const tag of paletteData) {
    const inline = meta[tag]?.InlineBinary;
    if (!inline || meta[tag].Value) continue;
    const bytes = Uint8Array.from(atob(inline), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const words = new Array(bytes.length >> 1);
    for (let i = 0; i < words.length; i++) words[i] = view.getUint16(2 * i, true);
    meta[tag] = { ...meta[tag], Value: words };
  }

  return meta;
}

/** The image ids of a series (one per frame), sorted by instance number, with their metadata registered. */
export async function loadSeries(study, series) {
  const instances = await json(`${seriesUrl(study, series)}/metadata`);
  instances.sort((a, b) => (value(a, '00200013') ?? 0) - (value(b, '00200013') ?? 0));
  const imageIds = [];
  for (const meta of instances) {
    const sop = text(meta, '00080018');
    const frames = Number(value(meta, '00280008') ?? 1) || 1;
    for (let f = 1; f <= frames; f++) {
      const imageId = `wadors:${location.origin}${seriesUrl(study, series)}/instances/${sop}/frames/${f}`;
      dicomImageLoader.wadors.metaDataManager.add(imageId, withPaletteValues(meta));
      imageIds.push(imageId);
    }
  }

  const first = instances[0] ?? {};
  return {
    study,
    series,
    imageIds,
    instances,
    modality: text(first, '00080060'),
    description: text(first, '0008103E'),
    frameOfReference: text(first, '00200052'),
    hasSpacing: value(first, '00280030') != null || value(first, '00181164') != null,
    frameTime: Number(value(first, '00181063') ?? 0),
  };
}
