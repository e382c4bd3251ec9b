using IpPlatform.Kernel;
using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

public enum CertificationDocument
{
    Licence,
    IdentityDocument,
}

/// <summary>
/// 认证: the organisation uploads its licence and the legal representative's identity document; staff of its city
/// (province staff for 省直 units) approve or reject with a reason. Every decision and every opening of a document
/// is audited. Objects outside the caller's reach are reported as not found.
/// </summary>
public sealed class CertificationService(DbContext db, FileStore files, AuditLog audit, TimeProvider clock)
{
    /// <summary>As stored (reasons are shown to the applicant and kept in the history).</summary>
    public const int MaxReasonLength = 500;

    /// <remarks>
    /// A certified organisation that has been renamed is certified again under its <paramref name="newName"/> (its
    /// licence shows it): the only way its name changes. Its credit code never changes. While a renaming is reviewed the
    /// organisation stays certified under its old name (its applications and filings go on); a refused renaming leaves
    /// it as it was.
    /// </remarks>
    public async Task<Outcome<CertificationRequest>> SubmitAsync(
        ClaimsPrincipal user, Stream licence, string licenceName, Stream identityDocument, string identityDocumentName,
        CancellationToken ct = default, string? newName = null)
    {
        var organisationId = user.OrganisationId();
        var organisation = organisationId is null ? null : await db.Set<Organisation>().FindAsync([organisationId], ct);
        if (organisation is null || !user.IsOrganisationAdmin())
        {
            return Outcome<CertificationRequest>.Fail("", "只有单位管理员可以提交认证材料");
        }

        newName = string.IsNullOrWhiteSpace(newName) ? null : newName.Trim();
        if (organisation.Certification == CertificationStatus.Pending || (organisation.Certification == CertificationStatus.Certified && newName is null))
        {
            return Outcome<CertificationRequest>.Fail("", organisation.Certification == CertificationStatus.Pending
                ? "认证材料已提交，正在审核中，请勿重复提交"
                : "本单位已通过认证；单位更名的，请填写新的单位名称后重新认证");
        }

        if (newName is not null && (newName.Length is < 2 or > 100 || newName == organisation.Name))
        {
            return Outcome<CertificationRequest>.Fail("NewName", "“新的单位名称”应为2至100个字符，且与现名称不同");
        }

        if (newName is not null && await db.Set<CertificationRequest>().AnyAsync(r => r.OrganisationId == organisation.Id && r.Decision == CertificationDecision.Pending, ct))
        {
            return Outcome<CertificationRequest>.Fail("", "更名认证材料已提交，正在审核中，请勿重复提交");
        }

        var errors = new FieldErrors();
        var stored = new Dictionary<CertificationDocument, StoredFile>();
        foreach (var (kind, stream, name, field) in new[]
                 {
                     (CertificationDocument.Licence, licence, licenceName, "Licence"),
                     (CertificationDocument.IdentityDocument, identityDocument, identityDocumentName, "IdentityDocument"),
                 })
        {
            try
            {
                stored[kind] = await files.SaveAsync(stream, name, UploadRules.Documents, user.UserId(), ct);
            }
            catch (UploadRejectedException ex)
            {
                errors.Add(field, ex.Message);
            }
        }

        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<CertificationRequest>.Fail(errors);
        }

        var request = new CertificationRequest
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisation.Id,
            LicenceFileId = stored[CertificationDocument.Licence].Id,
            IdentityDocumentFileId = stored[CertificationDocument.IdentityDocument].Id,
            SubmittedBy = user.UserId(),
            SubmittedAt = clock.GetUtcNow(),
            Decision = CertificationDecision.Pending,
            NewName = newName,
        };
        db.Set<CertificationRequest>().Add(request);
        if (newName is null)
        {
            organisation.Certification = CertificationStatus.Pending;
            organisation.CertificationReason = null;
        }

        audit.Add("organisation.certification-submitted", objectType: "organisation", objectId: organisation.Id.ToString(),
            details: newName is null ? null : new JsonObject { ["newName"] = newName });
        return await db.SaveOrConflictAsync(request, "认证材料刚刚已提交过（例如重复点击），请刷新页面查看认证状态", ct);
    }

    /// <summary>The request with its organisation, or null when it does not exist or the caller may not certify it.</summary>
    public async Task<(CertificationRequest Request, Organisation Organisation)?> FindForStaffAsync(
        ClaimsPrincipal staff, Guid requestId, CancellationToken ct = default)
    {
        var found = await (from r in db.Set<CertificationRequest>()
                           join o in db.Set<Organisation>() on r.OrganisationId equals o.Id
                           where r.Id == requestId
                           select new { r, o }).FirstOrDefaultAsync(ct);
        return found is not null && staff.CanCertify(found.o) ? (found.r, found.o) : null;
    }

    public async Task<Outcome<Organisation>> ApproveAsync(ClaimsPrincipal staff, Guid requestId, string? checksumOverrideReason, CancellationToken ct = default)
    {
        if (await FindForStaffAsync(staff, requestId, ct) is not { } found)
        {
            return Outcome<Organisation>.Fail("", "认证申请不存在");
        }

        var (request, organisation) = found;
        if (request.Decision != CertificationDecision.Pending)
        {
            return Outcome<Organisation>.Fail("", "该认证申请已处理");
        }

        if (!organisation.CreditCodeChecksumValid && string.IsNullOrWhiteSpace(organisation.CreditCodeOverrideReason))
        {
            if (string.IsNullOrWhiteSpace(checksumOverrideReason))
            {
                return Outcome<Organisation>.Fail("OverrideReason",
                    "该单位的统一社会信用代码未通过校验。如经核实代码真实有效（如早期试点地区代码），请填写核验说明后再通过认证");
            }

            if (checksumOverrideReason.Trim().Length > MaxReasonLength)
            {
                return Outcome<Organisation>.Fail("OverrideReason", $"接受理由请控制在{MaxReasonLength}字以内");
            }

            organisation.CreditCodeOverrideReason = checksumOverrideReason.Trim();
            organisation.CreditCodeOverrideBy = staff.UserId();
            audit.Add("organisation.credit-code-accepted", objectType: "organisation", objectId: organisation.Id.ToString(),
                details: new JsonObject { ["creditCode"] = organisation.CreditCode, ["reason"] = organisation.CreditCodeOverrideReason });
        }

        var now = clock.GetUtcNow();
        (request.Decision, request.DecidedBy, request.DecidedAt) = (CertificationDecision.Approved, staff.UserId(), now);
        (organisation.Certification, organisation.CertificationReason, organisation.CertifiedAt) = (CertificationStatus.Certified, null, now);
        if (request.NewName is { } renamed && renamed != organisation.Name)
        {
            db.Add(new OrganisationProfileChange
            {
                Id = Guid.CreateVersion7(), OrganisationId = organisation.Id, At = now, ChangedBy = staff.UserId(), ChangedByName = staff.Identity?.Name ?? "",
                Field = "单位名称（经认证）", Before = organisation.Name, After = renamed,
            });
            organisation.Name = renamed;
        }
        audit.Add("organisation.certified", objectType: "organisation", objectId: organisation.Id.ToString(),
            details: new JsonObject { ["request"] = request.Id.ToString() });
        return await SaveDecisionAsync(organisation, ct);
    }

    public async Task<Outcome<Organisation>> RejectAsync(ClaimsPrincipal staff, Guid requestId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome<Organisation>.Fail("Reason", "请填写不通过的理由，申请单位将看到该理由");
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return Outcome<Organisation>.Fail("Reason", $"不通过的理由请控制在{MaxReasonLength}字以内");
        }

        if (await FindForStaffAsync(staff, requestId, ct) is not { } found)
        {
            return Outcome<Organisation>.Fail("", "认证申请不存在");
        }

        var (request, organisation) = found;
        if (request.Decision != CertificationDecision.Pending)
        {
            return Outcome<Organisation>.Fail("", "该认证申请已处理");
        }

        (request.Decision, request.DecidedBy, request.DecidedAt, request.Reason) =
            (CertificationDecision.Rejected, staff.UserId(), clock.GetUtcNow(), reason.Trim());
        if (request.NewName is null)
        {
            (organisation.Certification, organisation.CertificationReason) = (CertificationStatus.Rejected, reason.Trim());   // a refused renaming leaves the certification as it was
        }
        audit.Add("organisation.certification-rejected", objectType: "organisation", objectId: organisation.Id.ToString(),
            details: new JsonObject { ["request"] = request.Id.ToString(), ["reason"] = reason.Trim() });
        return await SaveDecisionAsync(organisation, ct);
    }

    /// <summary>Opens a submitted document for certifying staff, and records that it was opened.</summary>
    public async Task<(StoredFile File, Stream Content)?> OpenDocumentAsync(
        ClaimsPrincipal staff, Guid requestId, CertificationDocument document, CancellationToken ct = default)
    {
        if (await FindForStaffAsync(staff, requestId, ct) is not { } found)
        {
            return null;
        }

        var fileId = document == CertificationDocument.Licence ? found.Request.LicenceFileId : found.Request.IdentityDocumentFileId;
        var file = await db.Set<StoredFile>().FindAsync([fileId], ct);
        if (file is null)
        {
            return null;
        }

        await audit.RecordAsync(
            document == CertificationDocument.IdentityDocument ? "organisation.identity-document-opened" : "organisation.licence-opened",
            objectType: "organisation", objectId: found.Organisation.Id.ToString(),
            details: new JsonObject { ["request"] = requestId.ToString(), ["file"] = file.Id.ToString() }, ct: ct);
        return (file, files.OpenRead(file));
    }

    private Task<Outcome<Organisation>> SaveDecisionAsync(Organisation organisation, CancellationToken ct) =>
        db.SaveOrConflictAsync(organisation, "该单位的认证状态刚被其他工作人员处理过，请刷新页面查看最新结果", ct);
}
