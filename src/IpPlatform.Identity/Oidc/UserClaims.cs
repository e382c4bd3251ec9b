using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// The claims a relying party receives about a person, by granted scope (OIDC Core §5.4): openid → sub; profile → name;
/// email; phone; organisation → the applicant organisation (name, unified social credit code, certification state);
/// roles → staff roles with the authority each is held at. Nothing outside the granted scopes is ever returned.
/// </summary>
public sealed class UserClaims(DbContext db)
{
    public static readonly IReadOnlyDictionary<string, string> ScopeNames = new Dictionary<string, string>
    {
        ["openid"] = "确认您在本平台的身份（账户标识）",
        ["profile"] = "您的姓名",
        ["email"] = "您的电子邮箱",
        ["phone"] = "您的手机号码",
        ["offline_access"] = "在您离开后继续访问（长期授权）",
        ["organisation"] = "您所在单位的名称、统一社会信用代码和认证状态",
        ["roles"] = "您的工作人员角色及所属机关",
    };

    public static readonly IReadOnlyList<string> Supported =
        ["sub", "name", "email", "email_verified", "phone_number", "phone_number_verified", "organisation", "roles", "auth_time", "amr"];

    /// <summary>
    /// The account may still sign in (not disabled, not locked, an applicant still in an organisation) and its security
    /// stamp is the one the grant was given under (no password change or reset, no new second factor since).
    /// </summary>
    public static bool IsCurrent(PlatformUser? user, string? stampHash, DateTimeOffset now) =>
        user is not null && !user.IsDisabled && (user.LockoutEnd is null || user.LockoutEnd < now)
        && (user.Kind == AccountKind.Staff || user.OrganisationId is not null)
        && stampHash is not null && OpaqueToken.Hash(user.SecurityStamp ?? "") == stampHash;

    public async Task<JsonObject> ForAsync(PlatformUser user, IReadOnlyCollection<string> scopes, CancellationToken ct)
    {
        var claims = new JsonObject { ["sub"] = user.Id.ToString() };
        if (scopes.Contains("profile"))
        {
            claims["name"] = user.DisplayName;
        }

        if (scopes.Contains("email"))
        {
            (claims["email"], claims["email_verified"]) = (user.Email, user.EmailConfirmed);
        }

        if (scopes.Contains("phone") && user.PhoneNumber is { Length: > 0 } phone)
        {
            (claims["phone_number"], claims["phone_number_verified"]) = (phone, user.PhoneNumberConfirmed);
        }

        if (scopes.Contains("organisation") && user.OrganisationId is { } orgId
            && await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) is { } org)
        {
            claims["organisation"] = new JsonObject
            {
                ["id"] = org.Id.ToString(), ["name"] = org.Name, ["credit_code"] = org.CreditCode, ["type"] = org.Type.ToString(),
                ["certification"] = org.Certification.ToString(), ["certified"] = org.Certification == CertificationStatus.Certified,
                ["administrator"] = user.IsOrganisationAdmin,
            };
        }

        if (scopes.Contains("roles") && user.Kind == AccountKind.Staff)
        {
            var roles = await db.Set<StaffRoleAssignment>().AsNoTracking().Where(r => r.UserId == user.Id)
                .Join(db.Set<Authority>(), r => r.AuthorityCode, a => a.Code, (r, a) => new { r.Role, a.Code, a.Agency })
                .OrderBy(r => r.Code).ThenBy(r => r.Role).ToListAsync(ct);
            claims["roles"] = new JsonArray(roles.Select(r => (JsonNode?)new JsonObject
            {
                ["role"] = r.Role.ToString(), ["role_name"] = r.Role.ToChinese(), ["authority"] = r.Code, ["authority_name"] = r.Agency,
            }).ToArray());
        }

        return claims;
    }
}
