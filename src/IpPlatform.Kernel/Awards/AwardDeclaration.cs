using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpPlatform.Kernel.Awards;

/// <summary>
/// What a module's programs grant and what their awardees owe, as data (docs/awards-format.md): the title, the period
/// and how long it runs (a number or a program setting), what happens at its end, the public directory, the grounds on
/// which an award may be revoked or ended, and the obligations. Numbers may be written as a setting
/// (<c>"setting:constructionYears"</c>) so a city's copy of a module applies its own. A funded program may take the funds
/// granted from an input of the approving action (<see cref="FundsInput"/>) and cap them (<see cref="MaxFunds"/>, 万元).
/// </summary>
public sealed record AwardDeclaration(
    string Title,
    AwardPeriod Period,
    string InitialStatus = "construction",
    string AtPeriodEnd = AwardDeclaration.Keep,
    bool Funded = false,
    string? DocumentNumberInput = null,
    string? StartDateInput = null,
    string? JointApplicant = null,
    string? FundsInput = null,
    string? MaxFunds = null,
    AwardDirectory? Directory = null,
    IReadOnlyList<AwardEnding>? Revocations = null,
    IReadOnlyList<AwardEnding>? Terminations = null,
    IReadOnlyList<ObligationDeclaration>? Obligations = null)
{
    /// <summary>At the end of the period the award stays as it is until a check decides (acceptance, evaluation).</summary>
    public const string Keep = "keep";

    /// <summary>At the end of the period the award expires (unless renewed before).</summary>
    public const string Expire = "expire";

    public IReadOnlyList<AwardEnding> RevocationList => Revocations ?? [];

    public IReadOnlyList<AwardEnding> TerminationList => Terminations ?? [];

    public IReadOnlyList<ObligationDeclaration> ObligationList => Obligations ?? [];

    public ObligationDeclaration? Obligation(string key) => ObligationList.FirstOrDefault(o => o.Key == key);
}

/// <param name="Kind">construction, cultivation, validity or implementation.</param>
/// <param name="Label">As users read it: 建设期, 培育期, 有效期, 实施期.</param>
/// <param name="Years">Whole years ("2" or "setting:…"), or null when <paramref name="Months"/> gives the length.</param>
public sealed record AwardPeriod(string Kind, string Label, string? Years = null, string? Months = null)
{
    public static readonly IReadOnlyList<string> Kinds = ["construction", "cultivation", "validity", "implementation"];
}

/// <summary>The public list of current awardees (e.g. seed 002's 名录): title, columns, an introduction.</summary>
public sealed record AwardDirectory(string Title, IReadOnlyList<DirectoryColumn> Columns, string? Intro = null);

/// <param name="Answer">"section.field" of the application (kept up to date by change reports), or</param>
/// <param name="Value">one of <see cref="Values"/>.</param>
public sealed record DirectoryColumn(string Key, string Label, string? Answer = null, string? Value = null)
{
    public static readonly IReadOnlyList<string> Values = ["organisation", "creditCode", "title", "startDate", "endDate", "status", "documentNumber", "city", "district"];
}

/// <summary>
/// A ground on which the running authority revokes (or ends) an award: its label (citing the rule), whether the decision
/// is published as a notice (公告 or 通报), a ban from the module (years, or a setting), a claw-back of funds, a credit
/// record. A ground only a check can establish (<see cref="Chain"/>: 验收考核 failed twice, 综合评估 failed) is applied
/// by that check's review chain and is not offered for a decision on the award's page.
/// </summary>
public sealed record AwardEnding(
    string Key, string Label, string? Publish = null, string? BanYears = null, bool Clawback = false, string? Credit = null, bool Chain = false)
{
    public static readonly IReadOnlyList<string> Publications = ["公告", "通报"];
}

/// <summary>
/// A report or check awardees owe: its own form and review chain (both of the module; the chain's initial timer of kind
/// "due" reminds before the due date and marks it overdue after), when it falls due, who files it (the awardee, or its
/// city for seed 000's 培育工作方案), and for scored checks the pass mark.
/// </summary>
public sealed record ObligationDeclaration(
    string Key, string Title, string Form, string Workflow, ObligationDue Due, string Filer = ObligationDeclaration.Applicant,
    string? PassMark = null, string? Stage = null, string? Description = null)
{
    public const string Applicant = "applicant";
    public const string City = "city";
}

/// <summary>
/// When an obligation falls due. <see cref="Kind"/>:
/// <c>afterAward</c> (<see cref="Months"/> after the start), <c>everyAwardYear</c> (each full year of the period, before
/// its end — or, with <see cref="ThroughEnd"/>, the last year too), <c>yearly</c> (every year of the period by the last
/// day — or <see cref="Day"/> — of <see cref="Month"/>; the year it reports on is the year it falls due plus
/// <see cref="YearOffset"/>), <c>periodEnd</c> (at the end, plus <see cref="MonthsAfterEnd"/>), <c>roundMilestone</c>
/// (by the date of the round's <see cref="Milestone"/>, e.g. seed 003's 阶段核查; <see cref="Months"/> after the start
/// when the round has no such date after the start), <c>onEffect</c> (opened by an effect of a review chain, due
/// <see cref="Months"/> later unless the effect says otherwise), <c>onRequest</c> (the awardee opens it when something
/// happens: due <see cref="WorkingDays"/> working days after the date it names, or open-ended).
/// An occurrence can be filed from <see cref="OpensMonthsBefore"/> months before it is due — or from the start of the
/// award (<see cref="OpensAtStart"/>: seed 001's 建设方案, drawn up from the day of the decision).
/// </summary>
public sealed record ObligationDue(
    string Kind, string? Months = null, string? Month = null, int? Day = null, int OpensMonthsBefore = 1, string? WorkingDays = null, int MonthsAfterEnd = 0,
    bool OpensAtStart = false, string? Milestone = null, int YearOffset = 0, bool ThroughEnd = false)
{
    public const string AfterAward = "afterAward";
    public const string EveryAwardYear = "everyAwardYear";
    public const string Yearly = "yearly";
    public const string PeriodEnd = "periodEnd";
    public const string RoundMilestone = "roundMilestone";
    public const string OnEffect = "onEffect";
    public const string OnRequest = "onRequest";

    public static readonly IReadOnlyList<string> Kinds = [AfterAward, EveryAwardYear, Yearly, PeriodEnd, RoundMilestone, OnEffect, OnRequest];

    /// <summary>Scheduled from the award's dates when it is made (or renewed); the others are opened by an event.</summary>
    public bool Scheduled => Kind is AfterAward or EveryAwardYear or Yearly or PeriodEnd or RoundMilestone;
}

/// <summary>A module's award declaration as stored (recipe step "awards").</summary>
public sealed class ModuleAwards
{
    public required string ModuleId { get; set; }

    public required AwardDeclaration Declaration { get; set; }
}

internal sealed class ModuleAwardsConfiguration : IEntityTypeConfiguration<ModuleAwards>
{
    public void Configure(EntityTypeBuilder<ModuleAwards> e)
    {
        e.ToTable("module_awards");
        e.HasKey(x => x.ModuleId);
        e.Property(x => x.ModuleId).HasMaxLength(64);
        e.Property(x => x.Declaration).HasColumnType("jsonb").HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, Recipes.RecipeStep<AwardDeclaration>.Json),
            v => System.Text.Json.JsonSerializer.Deserialize<AwardDeclaration>(v, Recipes.RecipeStep<AwardDeclaration>.Json)!,
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<AwardDeclaration>(
                (a, b) => System.Text.Json.JsonSerializer.Serialize(a, Recipes.RecipeStep<AwardDeclaration>.Json)
                    == System.Text.Json.JsonSerializer.Serialize(b, Recipes.RecipeStep<AwardDeclaration>.Json),
                v => v.Title.GetHashCode(StringComparison.Ordinal), v => v));
    }
}
