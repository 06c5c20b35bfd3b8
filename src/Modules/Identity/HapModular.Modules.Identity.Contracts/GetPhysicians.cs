using MediatR;

namespace HapModular.Modules.Identity.Contracts;

/// <summary>Physicians by user id (names and INAMI for letters, lists and the audit report).</summary>
/// <param name="UserIds">The users.</param>
public sealed record GetPhysicians(IReadOnlyCollection<Guid> UserIds) : IRequest<IReadOnlyList<PhysicianInfo>>;

/// <summary>Whether an account may act now (R1.1: active, approved). Asked by the access decision.</summary>
/// <param name="UserId">The user.</param>
public sealed record IsAccountActive(Guid UserId) : IRequest<bool>;

/// <summary>An approved physician.</summary>
/// <param name="UserId">User id.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Inami">INAMI digits (11).</param>
/// <param name="Specialty">Specialty label, if known.</param>
/// <param name="Email">Professional e-mail.</param>
/// <param name="IsActive">Active (approved, not deactivated).</param>
public sealed record PhysicianInfo(Guid UserId, string FirstName, string LastName, string Inami, string? Specialty, string Email, bool IsActive);

/// <summary>The physician account whose INAMI identity (digits 1–8) matches, or null (demo seeding, exclusions UI).</summary>
/// <param name="Inami">INAMI digits (11, or the 8 identity digits).</param>
public sealed record FindPhysicianByInami(string Inami) : IRequest<PhysicianInfo?>;
