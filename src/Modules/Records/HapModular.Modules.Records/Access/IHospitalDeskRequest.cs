namespace HapModular.Modules.Records.Access;

/// <summary>
/// A patient-scoped request made by patient-desk staff on the patient's behalf (document list by title, masking):
/// the guard lets desk staff and admins through, never physicians, and never grants clinical content.
/// </summary>
internal interface IHospitalDeskRequest;
