using System.Net.Mail;
using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Files;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Publicity;

public sealed record ObjectionInput(Guid ApplicationId, string RealName, string? OnBehalfOf, string Phone, string Email, string Text);

/// <summary>
/// An objection to a 公示 (提出异议): signed-in users object during the period only, real-name with contact details and
/// evidence (证明材料); checked again under a lock on the 公示 once the files are stored.
/// </summary>
public sealed class RaiseObjection(DbContext db, PublicityViews views, FileStore files, AuditLog audit, TimeProvider clock)
{
    public const int MaxEvidence = 3;

    /// <summary>Objections one account may make on one 公示 (a bound on what a single account can store).</summary>
    public const int MaxObjectionsPerAccount = 5;

    public async Task<Outcome<Objection>> ObjectAsync(
        Guid noticeId, ObjectionInput input, IReadOnlyList<(Stream Content, string FileName)> evidence, Guid userId, CancellationToken ct = default)
    {
        if (await views.FindAsync(noticeId, ct) is not { } found)
        {
            return Outcome<Objection>.Fail("", "公示不存在");
        }

        if (views.PeriodRefusal(found.Notice) is { } late)
        {
            return Outcome<Objection>.Fail("", late);
        }

        var errors = new FieldErrors();
        var (name, phone, email, text) = (input.RealName.Trim(), input.Phone.Trim(), input.Email.Trim(), input.Text.Trim());
        if (found.Entries.FirstOrDefault(e => e.ApplicationId == input.ApplicationId && !e.Withdrawn) is null)
        {
            errors.Add("ApplicationId", "请选择异议针对的公示单位");
        }

        if (name.Length is < 2 or > 50)
        {
            errors.Add("RealName", "请填写真实姓名（实名提出异议，匿名异议不予受理）");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(phone, @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$"))
        {
            errors.Add("Phone", "请填写可联系的手机号码或固定电话（如 13800000000 或 024-12345678）");
        }

        if (!MailAddress.TryCreate(email, out _) || email.Length > 256)
        {
            errors.Add("Email", "请填写有效的电子邮箱");
        }

        if (text.Length is < 10 or > 5000)
        {
            errors.Add("Text", "请写明异议的事实和理由（10–5000字）");
        }

        if (evidence.Count > MaxEvidence)
        {
            errors.Add("Evidence", $"证明材料最多{MaxEvidence}份");
        }

        if ((input.OnBehalfOf?.Length ?? 0) > 200)
        {
            errors.Add("OnBehalfOf", "单位名称不能超过200字");
        }

        if (errors.Any)
        {
            return Outcome<Objection>.Fail(errors);
        }

        var stored = new JsonArray();
        foreach (var (stream, fileName) in evidence)
        {
            try
            {
                var file = await files.SaveAsync(stream, fileName, UploadRules.Documents, userId, ct);
                stored.Add(new JsonObject { ["file"] = file.Id.ToString(), ["name"] = file.FileName, ["sha256"] = file.Sha256 });
            }
            catch (UploadRejectedException ex)
            {
                return Outcome<Objection>.Fail("Evidence", $"证明材料“{fileName}”：{ex.Message}");
            }
        }

        // Checked again under a lock on the 公示 after the files are stored: the result may have been published meanwhile.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await views.LockAsync(noticeId, ct);
        if (current.State != PublicityState.Open || views.PeriodRefusal(current) is not null)
        {
            return Outcome<Objection>.Fail("", views.PeriodRefusal(current) ?? "公示已结束，结果已公布，不再受理异议");
        }

        if (await db.Set<Objection>().CountAsync(o => o.PublicNoticeId == noticeId && o.UserId == userId, ct) >= MaxObjectionsPerAccount)
        {
            return Outcome<Objection>.Fail("", $"同一账户对同一公示最多提出{MaxObjectionsPerAccount}条异议；如需补充，请在已提交的异议处理结果反馈后联系受理单位");
        }

        var objection = new Objection
        {
            Id = Guid.CreateVersion7(), PublicNoticeId = noticeId, ApplicationId = input.ApplicationId, UserId = userId, RealName = name,
            OnBehalfOf = string.IsNullOrWhiteSpace(input.OnBehalfOf) ? null : input.OnBehalfOf.Trim(), Phone = phone, Email = email, Text = text,
            Evidence = stored, SubmittedAt = clock.GetUtcNow(), State = ObjectionState.Open,
        };
        db.Add(objection);
        audit.Add("publicity.objection", objectType: "publicity", objectId: noticeId.ToString(),
            details: new JsonObject { ["objection"] = objection.Id.ToString(), ["application"] = input.ApplicationId.ToString(), ["evidence"] = stored.Count }, actorId: userId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<Objection>.Ok(objection);
    }
}
