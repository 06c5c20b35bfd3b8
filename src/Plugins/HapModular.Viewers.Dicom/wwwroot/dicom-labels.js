// Interface words in French (default), Dutch, German and English, chosen from <html lang>.
const WORDS = {
  fr: { play: 'Lecture', pause: 'Pause', invert: 'Inverser', reset: 'Réinitialiser', preset: 'Préréglage', frame: 'Image',
    wl: 'Fenêtre', pan: 'Déplacer', zoom: 'Zoom', defaultWindow: 'Fenêtre du fichier', loading: 'Chargement…', error: 'Image indisponible',
    brain: 'Cerveau', subdural: 'Sous-dural', stroke: 'AVC', lung: 'Poumon', mediastinum: 'Médiastin', abdomen: 'Abdomen', liver: 'Foie', bone: 'Os',
    help: 'Glisser : fenêtre · Maj+glisser : déplacer · molette : zoom · ←/→ : image · espace : lecture · I : inverser · R : réinitialiser' },
  nl: { play: 'Afspelen', pause: 'Pauze', invert: 'Omkeren', reset: 'Herstellen', preset: 'Voorinstelling', frame: 'Beeld',
    wl: 'Venster', pan: 'Verschuiven', zoom: 'Zoom', defaultWindow: 'Venster van het bestand', loading: 'Laden…', error: 'Beeld niet beschikbaar',
    brain: 'Hersenen', subdural: 'Subduraal', stroke: 'Beroerte', lung: 'Long', mediastinum: 'Mediastinum', abdomen: 'Abdomen', liver: 'Lever', bone: 'Bot',
    help: 'Slepen: venster · Shift+slepen: verschuiven · wiel: zoom · ←/→: beeld · spatie: afspelen · I: omkeren · R: herstellen' },
  de: { play: 'Abspielen', pause: 'Pause', invert: 'Invertieren', reset: 'Zurücksetzen', preset: 'Voreinstellung', frame: 'Bild',
    wl: 'Fenster', pan: 'Verschieben', zoom: 'Zoom', defaultWindow: 'Fenster der Datei', loading: 'Laden…', error: 'Bild nicht verfügbar',
    brain: 'Gehirn', subdural: 'Subdural', stroke: 'Schlaganfall', lung: 'Lunge', mediastinum: 'Mediastinum', abdomen: 'Abdomen', liver: 'Leber', bone: 'Knochen',
    help: 'Ziehen: Fenster · Umschalt+Ziehen: verschieben · Rad: Zoom · ←/→: Bild · Leertaste: abspielen · I: invertieren · R: zurücksetzen' },
  en: { play: 'Play', pause: 'Pause', invert: 'Invert', reset: 'Reset', preset: 'Preset', frame: 'Frame',
    wl: 'Window', pan: 'Pan', zoom: 'Zoom', defaultWindow: 'File window', loading: 'Loading…', error: 'Image unavailable',
    brain: 'Brain', subdural: 'Subdural', stroke: 'Stroke', lung: 'Lung', mediastinum: 'Mediastinum', abdomen: 'Abdomen', liver: 'Liver', bone: 'Bone',
    help: 'Drag: window · Shift+drag: pan · wheel: zoom · ←/→: frame · space: play · I: invert · R: reset' },
};

export function labels(lang) {
  const code = (lang || document.documentElement.lang || 'fr').slice(0, 2).toLowerCase();
  return WORDS[code] || WORDS.fr;
}
