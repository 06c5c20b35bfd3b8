namespace HapModular.SharedKernel;

/// <summary>
/// A patient-scoped request made by patient-desk staff on the patient's behalf (document list by title, masking,
/// the patient's identity and consent history): the guard lets desk staff and admins through, never physicians,
/// and never grants clinical content.
/// </summary>
public interface IHospitalDeskRequest;
