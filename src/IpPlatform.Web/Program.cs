using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Recipes;
using Microsoft.AspNetCore.Identity;
using IpPlatform.Web.Hosting;

// Verbs: (none) serve · migrate · recipe FILE... (applies migrations, then runs the given recipes) ·
// totp EMAIL (the current code of an account's authenticator; for demo accounts on a development database) ·
// verify-history (checks the hash chain of every review history and award history; exit 1 when any is broken) ·
// run-timers [--passes N] (passes of the timer job now: expiries, reminders, round closing, 公示 results, award expiries; prints what it did and how long it took) ·
// reindex (this machine's search indexes rebuilt from the database; stop the platform first) ·
// backup ARCHIVE (the database and the uploads in one tar, with a manifest of SHA-256) ·
// restore ARCHIVE [--force] (into an empty database and file store, or over them with --force; stop the platform first).
var verb = args.FirstOrDefault() is { } first && !first.StartsWith('-') ? first : "serve";
var rest = verb == "serve" ? args : args[1..];
switch (verb)
{
    case "serve":
        PlatformApp.Build(rest).Run();
        return 0;

    case "migrate":
    {
        await using var app = PlatformApp.Build(OptionArgs(rest));
        await StartupTasks.MigrateAsync(app.Services);
        Console.WriteLine("数据库迁移已全部应用。");
        return 0;
    }

    case "recipe":
    {
        var files = rest.Where(a => !a.StartsWith('-')).ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine("用法：IpPlatform.Web recipe 配方文件.json [...]");
            return 2;
        }

        await using var app = PlatformApp.Build(OptionArgs(rest));
        await StartupTasks.MigrateAsync(app.Services);
        try
        {
            foreach (var result in await StartupTasks.RunRecipesAsync(app.Services, files))
            {
                Console.WriteLine($"配方 {result.Name}（{result.Source}）：{result.Changes} 处变更");
                foreach (var step in result.Steps)
                {
                    Console.WriteLine($"  {step.Source} 第{step.Index + 1}步 {step.Step}：{step.Changes}");
                }
            }

            return 0;
        }
        catch (RecipeValidationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    case "totp":
    {
        if (rest.FirstOrDefault(a => !a.StartsWith('-')) is not { } email)
        {
            Console.Error.WriteLine("用法：IpPlatform.Web totp 邮箱");
            return 2;
        }

        await using var app = PlatformApp.Build(OptionArgs(rest));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = await users.FindByEmailAsync(email);
        var key = user is null ? null : await users.GetAuthenticatorKeyAsync(user);
        if (key is null || user is not { TwoFactorEnabled: true })
        {
            Console.Error.WriteLine($"账户 {email} 不存在或尚未绑定动态口令。");
            return 1;
        }

        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"{Totp.Code(key, now)}（{30 - now.ToUnixTimeSeconds() % 30} 秒内有效）");
        return 0;
    }

    case "verify-history":
    {
        await using var app = PlatformApp.Build(OptionArgs(rest));
        await using var scope = app.Services.CreateAsyncScope();
        var (instances, entries, problems) = await scope.ServiceProvider.GetRequiredService<IpPlatform.Kernel.Workflows.WorkflowHistory>().VerifyAllAsync();
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"申报 {problem.SubjectId}（流程实例 {problem.InstanceId}）：{problem.Problem}");
        }

        Console.WriteLine($"已核验 {instances} 个流程实例、{entries} 条审核记录：{(problems.Count == 0 ? "哈希链全部完好" : $"{problems.Count} 个实例的哈希链被破坏")}。");
        var (awards, events, awardProblems) = await scope.ServiceProvider.GetRequiredService<IpPlatform.Kernel.Awards.VerifyAwardHistory>().RunAsync();
        foreach (var problem in awardProblems)
        {
            Console.Error.WriteLine($"称号 {problem.AwardId}（{problem.OrganisationName}）：{problem.Problem}");
        }

        Console.WriteLine($"已核验 {awards} 个称号（资格）、{events} 条记录：{(awardProblems.Count == 0 ? "哈希链全部完好" : $"{awardProblems.Count} 个称号的哈希链被破坏")}。");
        return problems.Count == 0 && awardProblems.Count == 0 ? 0 : 1;
    }

    case "run-timers":
    {
        // --passes N: the first pass includes the process's first queries (model building, JIT); later ones show the steady cost.
        var passes = rest.SkipWhile(a => a != "--passes").Skip(1).FirstOrDefault() is { } n && int.TryParse(n, out var count) ? Math.Clamp(count, 1, 10) : 1;
        await using var app = PlatformApp.Build([]);
        for (var pass = 1; pass <= passes; pass++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var timers = scope.ServiceProvider.GetRequiredService<IpPlatform.Kernel.Scheduling.ApplicationTimers>();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var run = await timers.RunAsync();
            Console.WriteLine($"定时任务第{pass}遍：{watch.Elapsed.TotalMilliseconds:0} 毫秒；到期动作 {run.Expired}，提醒 {run.Reminded}，关闭草稿 {run.Closed}，"
                + $"拒绝 {run.Refused}，公布公示结果 {run.Published}，称号到期 {run.AwardsExpired}，关闭未报送事项 {run.ObligationsClosed}");
        }

        return 0;
    }

    case "reindex":
    {
        // This machine's search indexes rebuilt from the database (the running platform must be stopped: it holds them).
        await using var app = PlatformApp.Build(OptionArgs(rest));
        foreach (IpPlatform.Kernel.Search.SearchCatalog catalog in new IpPlatform.Kernel.Search.SearchCatalog[]
                 { app.Services.GetRequiredService<IpPlatform.Kernel.Search.PublicSearch>(), app.Services.GetRequiredService<IpPlatform.Kernel.Search.StaffSearch>() })
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var count = await catalog.RebuildAsync();
            Console.WriteLine($"已重建搜索索引 {catalog.Format}：{count} 条，用时 {watch.Elapsed.TotalSeconds:0.0} 秒");
        }

        return 0;
    }

    case "backup":
    {
        if (rest.FirstOrDefault(a => !a.StartsWith('-')) is not { } archive)
        {
            Console.Error.WriteLine("用法：IpPlatform.Web backup 备份文件.tar");
            return 2;
        }

        await using var app = PlatformApp.Build(OptionArgs(rest));
        try
        {
            var manifest = await IpPlatform.Web.Backups.CreateBackup.RunAsync(IpPlatform.Web.Backups.BackupTarget.Of(app.Services), archive);
            Console.WriteLine($"已备份到 {Path.GetFullPath(archive)}：数据库 {manifest.Database.Bytes / 1024.0 / 1024:0.0} MB（迁移 {manifest.Migration}），"
                + $"文件 {manifest.Files.Count} 个 {manifest.Files.Sum(f => f.Bytes) / 1024.0 / 1024:0.0} MB。");
            return 0;
        }
        catch (IpPlatform.Web.Backups.BackupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    case "restore":
    {
        if (rest.FirstOrDefault(a => !a.StartsWith('-')) is not { } archive)
        {
            Console.Error.WriteLine("用法：IpPlatform.Web restore 备份文件.tar [--force]");
            return 2;
        }

        await using var app = PlatformApp.Build(OptionArgs([.. rest.Where(a => a != "--force")]));
        try
        {
            var restored = await IpPlatform.Web.Backups.RestoreBackup.RunAsync(archive, IpPlatform.Web.Backups.BackupTarget.Of(app.Services),
                force: rest.Contains("--force"), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("restore"));
            Console.WriteLine($"已恢复 {restored.Manifest.CreatedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间）的备份"
                + $"（平台 {restored.Manifest.AppVersion}，迁移 {restored.Manifest.Migration}）：文件 {restored.Files} 个。");
            if (restored.MissingFiles > 0)
            {
                Console.Error.WriteLine($"注意：数据库记录的文件中有 {restored.MissingFiles} 个不在备份里。");
                return 1;
            }

            return 0;
        }
        catch (IpPlatform.Web.Backups.BackupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    default:
        Console.Error.WriteLine($"未知命令“{verb}”。可用：serve、migrate、recipe、totp、verify-history、run-timers、reindex、backup、restore");
        return 2;
}

// The CLI verbs build the host but never start it, so the start-up tasks do not run; only options pass through.
static string[] OptionArgs(string[] rest) => [.. rest.Where(a => a.StartsWith('-'))];

public partial class Program;
