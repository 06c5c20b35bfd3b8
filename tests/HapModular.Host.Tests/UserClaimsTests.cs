using System.Security.Claims;
using HapModular.Host.Web;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Http;

namespace HapModular.Host.Tests;

/// <summary>
/// The current user is read once per principal (UserClaims): every answer must stay the one ClaimsPrincipal gives —
/// the guard decides on the id, the INAMI and the roles.
/// </summary>
public sealed class UserClaimsTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Answers_as_the_principal_does_for_any_mix_of_identities_claims_and_role_types(int seed)
    {
        var random = new Random(seed);
        var principal = RandomPrincipal(random);
        var user = new HttpCurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });

        Assert.Equal(principal.Identity?.IsAuthenticated == true, user.IsAuthenticated);
        Assert.Equal(Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty, user.UserId);
        Assert.Equal(principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty, user.DisplayName);
        Assert.Equal(principal.FindFirstValue(HttpCurrentUser.InamiClaim), user.Inami);
        Assert.Equal(Guid.TryParse(principal.FindFirstValue(LaunchContext.PatientClaim), out var p) ? p : null, user.LaunchPatient);
        foreach (var role in (string[])[Roles.Physician, Roles.Admin, Roles.Dpo, Roles.PatientDesk, "physician", "nobody"])
        {
            Assert.Equal(principal.IsInRole(role), user.IsInRole(role));
        }
    }

    [Fact]
    public void A_new_user_on_the_same_request_is_read_again()
    {
        // Sign-in, or a session the validator rejected, replaces the request's principal: never the former one's answers.
        var context = new DefaultHttpContext { User = Principal(Guid.NewGuid(), Roles.Physician, "18334780004") };
        var user = new HttpCurrentUser(new HttpContextAccessor { HttpContext = context });
        Assert.True(user.IsInRole(Roles.Physician));
        Assert.Equal("18334780004", user.Inami);

        var other = Guid.NewGuid();
        context.User = Principal(other, Roles.Dpo, null);
        Assert.Equal(other, user.UserId);
        Assert.False(user.IsInRole(Roles.Physician));
        Assert.True(user.IsInRole(Roles.Dpo));
        Assert.Null(user.Inami);

        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        Assert.False(user.IsAuthenticated);
        Assert.Equal(Guid.Empty, user.UserId);
        Assert.False(user.IsInRole(Roles.Dpo));
        Assert.False(new HttpCurrentUser(new HttpContextAccessor()).IsAuthenticated);
    }

    private static ClaimsPrincipal Principal(Guid id, string role, string? inami)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, id.ToString()), new(ClaimTypes.Name, "Dr Test"), new(ClaimTypes.Role, role)];
        if (inami is not null)
        {
            claims.Add(new Claim(HttpCurrentUser.InamiClaim, inami));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static ClaimsPrincipal RandomPrincipal(Random random)
    {
        string[] types = [ClaimTypes.NameIdentifier, ClaimTypes.NameIdentifier.ToUpperInvariant(), ClaimTypes.Name, HttpCurrentUser.InamiClaim, "HAP:INAMI", LaunchContext.PatientClaim, ClaimTypes.Role, "role", "roles", "other"];
        string[] values = [Guid.NewGuid().ToString(), "not-a-guid", "18334780004", Roles.Physician, Roles.Admin, Roles.Dpo, Roles.PatientDesk, "physician", string.Empty];
        var principal = new ClaimsPrincipal();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var claims = Enumerable.Range(0, random.Next(0, 9)).Select(_ => new Claim(types[random.Next(types.Length)], values[random.Next(values.Length)]));
            string?[] roleTypes = [null, "role", "roles"];
            principal.AddIdentity(new ClaimsIdentity(claims, random.Next(3) == 0 ? null : "test", ClaimTypes.Name, roleTypes[random.Next(roleTypes.Length)] ?? ClaimTypes.Role));
        }

        return principal;
    }
}
