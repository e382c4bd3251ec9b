using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Forms;
using IpPlatform.Kernel.Mail;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Calendar;
using IpPlatform.Kernel.Content;
using IpPlatform.Kernel.Modules;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Recipes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpPlatform.Kernel;

public static class KernelServices
{
    /// <summary>Registers the kernel and every module of <paramref name="catalog"/>. The host registers the DbContext.</summary>
    public static IServiceCollection AddKernel(this IServiceCollection services, ModuleCatalog catalog)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(catalog);
        services.AddSingleton<ReferenceDataCache>();
        services.AddSingleton<PublicPageCache>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<AuthorityNames>();
        services.AddScoped<CalendarService>();
        services.AddScoped<RecipeRunner>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<FileStore>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<MailQueue>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<MailQueue>());
        services.AddHostedService<MailDispatcher>();
        services.AddSingleton<ProgramDirectory>();
        services.AddScoped<IRecipeStep, AuthoritiesRecipeStep>();
        services.AddScoped<IRecipeStep, CalendarRecipeStep>();
        services.AddScoped<IRecipeStep, ProgramsRecipeStep>();
        services.AddScoped<IRecipeStep, ModuleRecipesStep>();
        services.AddScoped<IRecipeStep, RoundsRecipeStep>();
        services.AddScoped<IRecipeStep, ContentTypesRecipeStep>();
        services.AddScoped<IRecipeStep, ContentRecipeStep>();
        services.AddScoped<IRecipeStep, FormsRecipeStep>();
        services.AddSingleton<Caching.VersionCache<Forms.FormVersion>>();
        services.AddSingleton<Caching.VersionCache<Workflows.WorkflowVersion>>();
        services.AddScoped<FormStore>();
        services.AddScoped<Workflows.WorkflowStore>();
        services.AddScoped<Workflows.WorkflowEngine>();
        services.AddScoped<IRecipeStep, Workflows.WorkflowsRecipeStep>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddSingleton<Notifications.NotificationMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationMailer>());
        services.AddScoped<Workflows.ReviewQueue>();
        services.AddScoped<Workflows.WorkflowHistory>();
        services.AddScoped<ApplicationTimers>();
        services.AddScoped<Reviews.ExpertAssignments>();
        services.AddScoped<Reviews.AssignExperts>();
        services.AddScoped<Reviews.AssignExpertsAtRandom>();
        services.AddScoped<Reviews.DeclareConflictOfInterest>();
        services.AddScoped<Reviews.ScoreApplication>();
        services.AddScoped<Reviews.RankRound>();
        services.AddScoped<Reviews.DecideRound>();
        services.AddScoped<Publicity.PublicityViews>();
        services.AddScoped<Publicity.PublicityCandidates>();
        services.AddScoped<Publicity.ApplyPublicityTrigger>();
        services.AddScoped<Publicity.OpenPublicity>();
        services.AddScoped<Publicity.RaiseObjection>();
        services.AddScoped<Publicity.HandleObjection>();
        services.AddScoped<Publicity.PublishDuePublicity>();
        services.AddScoped<IRecipeStep, Reviews.RubricsRecipeStep>();
        services.AddScoped<Reviews.RubricService>();
        services.AddScoped<IRecipeStep, EligibilityRecipeStep>();
        services.AddScoped<LoadApplication>();
        services.AddScoped<ApplicationChecks>();
        services.AddScoped<StartReviewInstance>();
        services.AddScoped<StartMissingInstances>();
        services.AddScoped<RunPrecheck>();
        services.AddScoped<StartApplication>();
        services.AddScoped<IncludeOrganisation>();
        services.AddScoped<SaveDraft>();
        services.AddScoped<AttachFile>();
        services.AddScoped<SubmitApplication>();
        services.AddScoped<ActOnApplication>();
        services.AddScoped<OpenApplicationFile>();
        services.AddScoped<CheckEligibility>();
        services.AddScoped<IRecipeStep, Awards.AwardsRecipeStep>();
        services.AddSingleton<Awards.AwardDeclarations>();
        services.AddScoped<Awards.ApplicationAwards>();
        services.AddScoped<Awards.GrantAward>();
        services.AddScoped<Awards.OpenObligation>();
        services.AddScoped<Awards.ApplyAwardEffects>();
        services.AddScoped<Awards.RevokeAward>();
        services.AddScoped<Awards.EndAward>();
        services.AddScoped<Awards.RenewAward>();
        services.AddScoped<Awards.EndAwardsByTheClock>();
        services.AddScoped<Awards.AwardList>();
        services.AddScoped<Awards.AwardDetails>();
        services.AddScoped<Awards.RecordAwardDocument>();
        services.AddScoped<Awards.RevokeAwardByDecision>();
        services.AddScoped<Awards.TerminateAward>();
        services.AddScoped<Awards.RequestObligation>();
        services.AddScoped<Awards.PublicDirectory>();
        services.AddScoped<Awards.FilingFindings>();
        services.AddScoped<Awards.VerifyAwardHistory>();
        services.AddScoped<Sanctions.RecordCreditBreach>();
        services.AddSingleton<ContentTypes>();
        services.AddScoped<ContentService>();
        services.AddScoped<FindProgram>();
        services.AddScoped<CreateProgram>();
        services.AddScoped<ChangeProgramSettings>();
        services.AddScoped<SaveRound>();
        services.AddScoped<PinRoundVersion>();
        services.AddScoped<ExportProgram>();
        services.AddScoped<ImportProgram>();
        services.AddScoped<NoticeQueries>();
        services.AddSingleton<ContentScheduler>();
        services.AddHostedService<ContentScheduleRecovery>();
        services.AddSingleton<Search.ISearchSource, Search.NoticeSearchSource>();
        services.AddSingleton<Search.ISearchSource, Search.ProgramSearchSource>();
        services.AddSingleton<Search.ISearchSource, Search.PublicitySearchSource>();
        services.AddSingleton<Search.ISearchSource, Search.DirectorySearchSource>();
        services.AddSingleton<Search.SearchChangeSignal>();
        services.AddSingleton<Search.SearchChangeRecorder>();
        services.AddSingleton<Search.ISearchSource, Search.ApplicationSearchSource>();
        services.AddSingleton<Search.PublicSearch>();
        services.AddSingleton<Search.StaffSearch>();
        services.AddHostedService<Search.SearchCatchUp>();
        foreach (var module in catalog.Modules)
        {
            module.ConfigureServices(services);
        }

        return services;
    }
}
