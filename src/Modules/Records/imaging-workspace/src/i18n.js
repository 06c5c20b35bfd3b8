// Workspace texts: French by default, Dutch, German, English (the page's lang attribute chooses).
const texts = {
  fr: {
    series: 'Séries', studies: 'Examens', images: '{0} image(s)', current: 'actuel', prior: 'antérieur',
    window: 'Fenêtre', zoom: 'Zoom', pan: 'Déplacer', length: 'Longueur', angle: 'Angle', ellipse: 'Ellipse (ROI)',
    rotate: 'Pivoter', flipH: 'Miroir horizontal', flipV: 'Miroir vertical', invert: 'Inverser', reset: 'Réinitialiser',
    cine: 'Ciné', stop: 'Arrêt', fps: 'img/s', layout: 'Disposition', presets: 'Préréglages', sync: 'Synchroniser le défilement',
    help: 'Raccourcis clavier', close: 'Fermer', image: 'Image', slice: 'Coupe', approximate: 'approximatif', loading: 'Chargement…',
    fallback: 'rendu par le portail', unavailable: 'Image indisponible : son contenu est endommagé ou illisible.', dropHere: 'Glissez une série ici', theme: 'Clair / sombre',
    keys: [['↑ ↓ / molette', 'Image précédente / suivante'], ['Début / Fin', 'Première / dernière image'], ['W Z P', 'Fenêtre, zoom, déplacer'],
      ['L A E', 'Longueur, angle, ellipse'], ['R', 'Pivoter de 90°'], ['H V', 'Miroir horizontal / vertical'], ['I', 'Inverser'],
      ['Échap', 'Réinitialiser'], ['C', 'Ciné marche / arrêt'], ['1 2 4', 'Disposition 1×1, 1×2, 2×2'], ['?', 'Cette aide']],
  },
  nl: {
    series: 'Reeksen', studies: 'Onderzoeken', images: '{0} beeld(en)', current: 'huidig', prior: 'vorig',
    window: 'Venster', zoom: 'Zoom', pan: 'Verschuiven', length: 'Lengte', angle: 'Hoek', ellipse: 'Ellips (ROI)',
    rotate: 'Draaien', flipH: 'Horizontaal spiegelen', flipV: 'Verticaal spiegelen', invert: 'Omkeren', reset: 'Herstellen',
    cine: 'Cine', stop: 'Stop', fps: 'b/s', layout: 'Indeling', presets: 'Voorinstellingen', sync: 'Scrollen synchroniseren',
    help: 'Sneltoetsen', close: 'Sluiten', image: 'Beeld', slice: 'Snede', approximate: 'bij benadering', loading: 'Laden…',
    fallback: 'weergegeven door het portaal', unavailable: 'Beeld niet beschikbaar: de inhoud is beschadigd of onleesbaar.', dropHere: 'Sleep hier een reeks', theme: 'Licht / donker',
    keys: [['↑ ↓ / wiel', 'Vorig / volgend beeld'], ['Home / End', 'Eerste / laatste beeld'], ['W Z P', 'Venster, zoom, verschuiven'],
      ['L A E', 'Lengte, hoek, ellips'], ['R', '90° draaien'], ['H V', 'Horizontaal / verticaal spiegelen'], ['I', 'Omkeren'],
      ['Esc', 'Herstellen'], ['C', 'Cine aan / uit'], ['1 2 4', 'Indeling 1×1, 1×2, 2×2'], ['?', 'Deze hulp']],
  },
  de: {
    series: 'Serien', studies: 'Untersuchungen', images: '{0} Bild(er)', current: 'aktuell', prior: 'früher',
    window: 'Fenster', zoom: 'Zoom', pan: 'Verschieben', length: 'Länge', angle: 'Winkel', ellipse: 'Ellipse (ROI)',
    rotate: 'Drehen', flipH: 'Horizontal spiegeln', flipV: 'Vertikal spiegeln', invert: 'Invertieren', reset: 'Zurücksetzen',
    cine: 'Cine', stop: 'Stopp', fps: 'B/s', layout: 'Anordnung', presets: 'Voreinstellungen', sync: 'Blättern synchronisieren',
    help: 'Tastenkürzel', close: 'Schließen', image: 'Bild', slice: 'Schicht', approximate: 'ungefähr', loading: 'Laden…',
    fallback: 'vom Portal gerendert', unavailable: 'Bild nicht verfügbar: der Inhalt ist beschädigt oder unlesbar.', dropHere: 'Serie hierher ziehen', theme: 'Hell / dunkel',
    keys: [['↑ ↓ / Mausrad', 'Vorheriges / nächstes Bild'], ['Pos1 / Ende', 'Erstes / letztes Bild'], ['W Z P', 'Fenster, Zoom, Verschieben'],
      ['L A E', 'Länge, Winkel, Ellipse'], ['R', 'Um 90° drehen'], ['H V', 'Horizontal / vertikal spiegeln'], ['I', 'Invertieren'],
      ['Esc', 'Zurücksetzen'], ['C', 'Cine an / aus'], ['1 2 4', 'Anordnung 1×1, 1×2, 2×2'], ['?', 'Diese Hilfe']],
  },
  en: {
    series: 'Series', studies: 'Studies', images: '{0} image(s)', current: 'current', prior: 'prior',
    window: 'Window', zoom: 'Zoom', pan: 'Pan', length: 'Length', angle: 'Angle', ellipse: 'Ellipse (ROI)',
    rotate: 'Rotate', flipH: 'Flip horizontal', flipV: 'Flip vertical', invert: 'Invert', reset: 'Reset',
    cine: 'Cine', stop: 'Stop', fps: 'fps', layout: 'Layout', presets: 'Presets', sync: 'Synchronise scrolling',
    help: 'Keyboard shortcuts', close: 'Close', image: 'Image', slice: 'Slice', approximate: 'approximate', loading: 'Loading…',
    fallback: 'rendered by the portal', unavailable: 'Image unavailable: its content is damaged or unreadable.', dropHere: 'Drop a series here', theme: 'Light / dark',
    keys: [['↑ ↓ / wheel', 'Previous / next image'], ['Home / End', 'First / last image'], ['W Z P', 'Window, zoom, pan'],
      ['L A E', 'Length, angle, ellipse'], ['R', 'Rotate 90°'], ['H V', 'Flip horizontal / vertical'], ['I', 'Invert'],
      ['Esc', 'Reset'], ['C', 'Cine on / off'], ['1 2 4', 'Layout 1×1, 1×2, 2×2'], ['?', 'This help']],
  },
};

const lang = (document.documentElement.lang || 'fr').slice(0, 2);
const table = texts[lang] ?? texts.fr;

export function t(key, ...args) {
  const text = table[key] ?? texts.fr[key] ?? key;
  return typeof text === 'string' ? text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)])) : text;
}
