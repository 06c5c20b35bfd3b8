// Window presets by modality (centre / width, in the modality's units: HU for CT).
export const presets = {
  CT: [['Abdomen', 40, 400], ['Poumon', -600, 1500], ['Os', 300, 1500], ['Cerveau', 40, 80], ['Médiastin', 50, 350]],
  MR: [['T1', 500, 1000], ['T2', 600, 1200]],
  PT: [['SUV', 3, 6]],
};

export function presetsFor(modality) {
  return presets[modality] ?? [];
}
