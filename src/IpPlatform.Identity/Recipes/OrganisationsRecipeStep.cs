using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Recipes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Recipes;

/// <summary>
/// Recipe step "organisations" (demo and test data): organisations by credit code with their administrator account.
/// Upserts; a password is only re-set when the stored hash no longer matches it. An uncertified organisation given
/// <c>certificationSubmitted</c> (files beside the recipe) has its administrator submit them once through
/// <see cref="CertificationService"/>, as the certification page does; from then on the request takes its course.
/// </summary>
public sealed class OrganisationsRecipeStep(
    UserManager<PlatformUser> users, IPasswordHasher<PlatformUser> hasher, IUserClaimsPrincipalFactory<PlatformUser> principals,
    CertificationService certification, TimeProvider clock)
    : RecipeStep<OrganisationsRecipeStep.Model>
{
    public sealed record Admin(string Name, string Email, string Password);

    /// <summary>The certification materials the administrator has submitted (file names beside the recipe).</summary>
    public sealed record SubmittedDocuments(string Licence, string IdentityDocument);

    public sealed record Entry(
        string CreditCode, string Name, OrganisationType Type, string City, string? District, string Address,
        string LegalRepresentative, DateOnly EstablishedOn, int StaffCount, string ContactPerson, string ContactMobile,
        string ContactEmail, Admin Admin, bool Certified = true, SubmittedDocuments? CertificationSubmitted = null);

    public sealed record Model(IReadOnlyList<Entry> Organisations);

    public override string Name => "organisations";

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        var codes = new HashSet<string>();
        for (var i = 0; i < model.Organisations.Count; i++)
        {
            var o = model.Organisations[i];
            var at = $"organisations[{i}]";
            var code = CreditCode.Check(o.CreditCode);
            if (!code.IsValid)
            {
                v.Error($"{at}.creditCode", code.Message!);
            }
            else if (!codes.Add(code.Normalized))
            {
                v.Error($"{at}.creditCode", "在本步骤中重复");
            }

            foreach (var (field, authority) in new[] { ("city", o.City), ("district", o.District) })
            {
                if (authority is not null && !v.IsDeclared(AuthoritiesRecipeStep.Kind, authority)
                    && !await v.Db.Set<Authority>().AnyAsync(a => a.Code == authority, ct))
                {
                    v.Error($"{at}.{field}", $"单位“{authority}”不存在");
                }
            }

            foreach (var problem in PasswordPolicy.Check(o.Admin.Password, o.Admin.Email))
            {
                v.Error($"{at}.admin.password", problem);
            }

            if (o.CertificationSubmitted is { } docs && (o.Certified
                || new[] { docs.Licence, docs.IdentityDocument }.Any(f => v.CurrentSource?.HasFile(f) != true)))
            {
                v.Error($"{at}.certificationSubmitted", "只有未认证（certified 为 false）的单位可提交认证材料，且材料须为配方旁的文件");
            }
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var e in model.Organisations)
        {
            var code = CreditCode.Check(e.CreditCode).Normalized;
            var organisation = await x.Db.Set<Organisation>().FirstOrDefaultAsync(o => o.CreditCode == code, ct);
            if (organisation is null)
            {
                organisation = new Organisation
                {
                    Id = Guid.CreateVersion7(), Name = e.Name, CreditCode = code, CityCode = e.City, Address = e.Address,
                    LegalRepresentative = e.LegalRepresentative, ContactPerson = e.ContactPerson, ContactMobile = e.ContactMobile,
                    ContactEmail = e.ContactEmail, CreatedAt = clock.GetUtcNow(),
                };
                x.Db.Set<Organisation>().Add(organisation);
                changes++;
            }

            var submitted = e.CertificationSubmitted is not null && x.Db.Entry(organisation).State != EntityState.Added
                && await x.Db.Set<CertificationRequest>().AnyAsync(r => r.OrganisationId == organisation.Id, ct);
            var status = e.Certified ? CertificationStatus.Certified : submitted ? organisation.Certification : CertificationStatus.NotSubmitted;
            if (organisation.Name != e.Name || organisation.Type != e.Type || organisation.CityCode != e.City
                || organisation.DistrictCode != e.District || organisation.Address != e.Address
                || organisation.LegalRepresentative != e.LegalRepresentative || organisation.EstablishedOn != e.EstablishedOn
                || organisation.StaffCount != e.StaffCount || organisation.ContactPerson != e.ContactPerson
                || organisation.ContactMobile != e.ContactMobile || organisation.ContactEmail != e.ContactEmail
                || organisation.Certification != status)
            {
                if (x.Db.Entry(organisation).State != EntityState.Added)
                {
                    changes++;
                }

                (organisation.Name, organisation.Type, organisation.CityCode, organisation.DistrictCode, organisation.Address) =
                    (e.Name, e.Type, e.City, e.District, e.Address);
                (organisation.LegalRepresentative, organisation.EstablishedOn, organisation.StaffCount) =
                    (e.LegalRepresentative, e.EstablishedOn, e.StaffCount);
                (organisation.ContactPerson, organisation.ContactMobile, organisation.ContactEmail) = (e.ContactPerson, e.ContactMobile, e.ContactEmail);
                organisation.Certification = status;
                organisation.CertifiedAt = e.Certified ? organisation.CertifiedAt ?? clock.GetUtcNow() : null;
            }

            await x.Db.SaveChangesAsync(ct);
            changes += await AccountUpsert.ApplyAsync(users, hasher, clock, e.Admin.Email, e.Admin.Name, e.Admin.Password, u =>
            {
                var changed = u.Kind != AccountKind.Applicant || u.OrganisationId != organisation.Id || !u.IsOrganisationAdmin;
                (u.Kind, u.OrganisationId, u.IsOrganisationAdmin) = (AccountKind.Applicant, organisation.Id, true);
                return changed;
            });
            if (e.CertificationSubmitted is { } docs && !submitted)
            {
                await SubmitCertificationAsync(e, docs, x.CurrentSource!, ct);
                changes++;
            }
        }

        return changes;
    }

    private async Task SubmitCertificationAsync(Entry e, SubmittedDocuments docs, RecipeSource source, CancellationToken ct)
    {
        var admin = await principals.CreateAsync((await users.FindByEmailAsync(e.Admin.Email))!);
        using var licence = new MemoryStream(source.ReadBytes(docs.Licence)!);
        using var identity = new MemoryStream(source.ReadBytes(docs.IdentityDocument)!);
        var request = await certification.SubmitAsync(admin, licence, docs.Licence, identity, docs.IdentityDocument, ct);
        if (!request.Succeeded)
        {
            throw new InvalidOperationException($"{e.Name}的认证材料未能提交：{string.Join("；", request.Errors.All.Select(x => x.Message))}");
        }
    }
}

/// <summary>Creates or updates one account for a recipe, counting only real changes.</summary>
internal static class AccountUpsert
{
    public static async Task<int> ApplyAsync(
        UserManager<PlatformUser> users, IPasswordHasher<PlatformUser> hasher, TimeProvider clock,
        string email, string name, string password, Func<PlatformUser, bool> apply)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PlatformUser
            {
                Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name,
                CreatedAt = clock.GetUtcNow(),
            };
            apply(user);
            Check(await users.CreateAsync(user, password), email);
            return 1;
        }

        var changed = apply(user) | user.DisplayName != name;
        user.DisplayName = name;
        if (user.PasswordHash is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            changed = true;
        }

        if (changed)
        {
            Check(await users.UpdateAsync(user), email);
        }

        return changed ? 1 : 0;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"账户 {email}：{string.Join("；", result.Errors.Select(e => e.Description))}");
        }
    }
}
