using IpPlatform.Kernel;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>
/// Registers an organisation with its first account in one transaction. One organisation per credit code: a second
/// registration of the same code is refused and changes nothing.
/// </summary>
public sealed class RegistrationService(DbContext db, UserManager<PlatformUser> users, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<PlatformUser>> RegisterAsync(RegistrationInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var code = CreditCode.Check(input.CreditCode);
        if (!code.IsValid && !(code.MayBeOverridden && input.DeclaresPilotCode))
        {
            errors.Add(nameof(input.CreditCode), code.Message! + (code.MayBeOverridden
                ? "。若代码确实如此（早期试点地区颁发），请勾选“确认代码真实有效”，由主管部门人工核验"
                : ""));
        }

        var regions = await RegionChoices.LoadAsync(db, ct);
        regions.Validate(input.CityCode, input.DistrictCode, errors, nameof(input.CityCode), nameof(input.DistrictCode));
        if (input.EstablishedOn is { } established && established > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8)))
        {
            errors.Add(nameof(input.EstablishedOn), "成立日期不能晚于今天");
        }

        foreach (var problem in PasswordPolicy.Check(input.Password, input.AdminEmail))
        {
            errors.Add(nameof(input.Password), problem);
        }

        // The 18th character follows from the first 17, so two codes sharing those are one entity (a pilot code
        // registered with a mistyped check character included).
        var identity = code.Normalized.Length == 18 ? code.Normalized[..17] : null;
        if ((code.IsValid || code.MayBeOverridden) && identity is not null
            && await db.Set<Organisation>().AnyAsync(o => o.CreditCode.StartsWith(identity), ct))
        {
            errors.Add(nameof(input.CreditCode), "该统一社会信用代码已经注册过。一个单位只能注册一次；如需使用平台，请联系本单位管理员邀请您加入");
        }

        if (await users.FindByEmailAsync(input.AdminEmail.Trim()) is not null)
        {
            errors.Add(nameof(input.AdminEmail), "该邮箱已注册过账户，请直接登录，或换用其他邮箱");
        }

        if (errors.Any)
        {
            return Outcome<PlatformUser>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name.Trim(),
            CreditCode = code.Normalized,
            CreditCodeChecksumValid = code.IsValid,
            Type = input.Type!.Value,
            CityCode = input.CityCode!,
            DistrictCode = string.IsNullOrEmpty(input.DistrictCode) ? null : input.DistrictCode,
            Address = input.Address.Trim(),
            LegalRepresentative = input.LegalRepresentative.Trim(),
            EstablishedOn = input.EstablishedOn!.Value,
            StaffCount = input.StaffCount!.Value,
            ContactPerson = input.ContactPerson.Trim(),
            ContactMobile = input.ContactMobile.Trim(),
            ContactEmail = input.ContactEmail.Trim(),
            Certification = CertificationStatus.NotSubmitted,
            CreatedAt = now,
        };
        var admin = new PlatformUser
        {
            Id = Guid.CreateVersion7(),
            UserName = input.AdminEmail.Trim(),
            Email = input.AdminEmail.Trim(),
            DisplayName = input.AdminName.Trim(),
            Kind = AccountKind.Applicant,
            OrganisationId = organisation.Id,
            IsOrganisationAdmin = true,
            CreatedAt = now,
        };

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<Organisation>().Add(organisation);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
            {
                // Two registrations of one code at the same moment: the unique index decides.
                db.ChangeTracker.Clear();
                return Outcome<PlatformUser>.Fail(nameof(input.CreditCode), "该统一社会信用代码已经注册过");
            }

            var created = await users.CreateAsync(admin, input.Password);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var failed = new FieldErrors();
                foreach (var e in created.Errors)
                {
                    failed.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(input.Password) : nameof(input.AdminEmail), e.Description);
                }

                return Outcome<PlatformUser>.Fail(failed);
            }

            audit.Add("organisation.registered", objectType: "organisation", objectId: organisation.Id.ToString(),
                details: new JsonObject { ["name"] = organisation.Name, ["creditCode"] = organisation.CreditCode, ["checksumValid"] = code.IsValid },
                actorId: admin.Id, actorName: admin.UserName);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Outcome<PlatformUser>.Ok(admin);
        });
    }
}
