using System.Net;
using System.Security.Cryptography;
using System.Text;
using IpPlatform.Kernel.Applications;
using IpPlatform.Kernel.Awards;
using IpPlatform.Kernel.Files;
using IpPlatform.Kernel.Workflows;
using IpPlatform.Web.Backups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpPlatform.Web.Tests.Operations;

/// <summary>
/// A backup (what <c>./ipp backup</c> and <c>IpPlatform.Web backup</c> run) of the platform with submitted applications,
/// restored (what <c>restore</c> runs) into a new database and data directory: the same submissions, files and history.
/// </summary>
public sealed class BackupAndRestoreTests(WebFixture app) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ipp-backup-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_backup_restored_into_a_new_database_has_the_same_submissions_files_and_intact_history()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (_, first, email) = await Chains.Submitted004Async(app, attachment: slot => Pdf($"{slot} {marker}"));
        var (_, second, _) = await Chains.Submitted004Async(app);
        (await Chains.ActAsync(await app.SignedInAsync(Chains.Shenyang), first, "pass", [("opinion", "材料初审合格，同意推荐")])).RedirectsTo($"/review/{first}").ShouldBeTrue();
        var snapshotsBefore = await SnapshotsAsync(app.Services);
        var (_, _, problemsBefore) = await VerifyAsync(app.Services);

        var manifest = await CreateBackup.RunAsync(BackupTarget.Of(app.Services), Path.Combine(_folder, "ipp.tar"));

        manifest.Migration.ShouldBe(await app.Database.ScalarAsync<string>("SELECT max(\"MigrationId\") FROM __ef_migrations_history"));
        var attachedFirst = await app.Database.ScalarAsync<string>($"SELECT string_agg(sha256, ',') FROM application_files WHERE application_id = '{first}'");
        attachedFirst!.Split(',').Except(manifest.Files.Select(f => f.Sha256)).ShouldBeEmpty();
        await using var database = await TestDatabase.CreateAsync();
        var target = new BackupTarget(database.OwnerConnectionString, database.AppConnectionString, Path.Combine(_folder, "restored"));
        var restored = await RestoreBackup.RunAsync(Path.Combine(_folder, "ipp.tar"), target, force: false, NullLogger.Instance);
        restored.MissingFiles.ShouldBe(0);
        restored.Files.ShouldBe(manifest.Files.Count);
        (await app.Database.ScalarAsync<string>("SELECT details->>'databaseSha256' FROM audit_log WHERE event = 'backup.created' ORDER BY id DESC LIMIT 1"))
            .ShouldBe(manifest.Database.Sha256);
        (await database.ScalarAsync<string>("SELECT details->>'createdAt' FROM audit_log WHERE event = 'backup.restored'")).ShouldNotBeNull();

        await using var platform = new PlatformFactory(database, target.DataDirectory);
        await platform.InitializeAsync();

        // The same submissions, each still matching the hash its review history recorded when it was sent.
        var snapshots = await SnapshotsAsync(platform.Services);
        snapshots.Count.ShouldBeGreaterThanOrEqualTo(snapshotsBefore.Count);
        foreach (var (id, hash) in snapshotsBefore)
        {
            snapshots[id].ShouldBe(hash);
        }

        foreach (var application in new[] { first, second })
        {
            var recorded = await database.ScalarAsync<string>($"""
                SELECT h.inputs->>'snapshotSha256' FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id
                WHERE i.subject_id = '{application}' AND h.inputs ? 'snapshotSha256'
                """);
            var submission = await database.ScalarAsync<Guid>($"SELECT id FROM application_submissions WHERE application_id = '{application}'");
            snapshots[submission].ShouldBe(recorded);
        }

        // The same files, byte for byte, where the file store looks for them.
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var files = scope.ServiceProvider.GetRequiredService<FileStore>();
            var attached = await scope.ServiceProvider.GetRequiredService<DbContext>().Set<ApplicationFile>().AsNoTracking().Where(f => f.ApplicationId == first).ToListAsync();
            attached.ShouldNotBeEmpty();
            foreach (var file in attached)
            {
                await using var content = files.OpenRead((await files.FindAsync(file.FileId))!);
                Convert.ToHexStringLower(await SHA256.HashDataAsync(content)).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Pdf($"{file.Slot} {marker}"))));
            }
        }

        // The history chains are intact (as intact as where the backup was taken), and the applicant finds the application.
        var (instances, entries, problems) = await VerifyAsync(platform.Services);
        (instances, entries).ShouldNotBe((0, 0));
        problems.ShouldBe(problemsBefore);
        problems.ShouldNotContain(p => p.Contains(first.ToString()) || p.Contains(second.ToString()));
        var applicant = platform.NewFormClient();
        (await applicant.SignInAsync(email, Registration.Password, null)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await applicant.GetAsync($"/applications/{first}")).Status.ShouldBe(HttpStatusCode.OK);

        // The restored objects belong to the owner, and the app's role has its rights again.
        (await database.ScalarAsync<long>($"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '{TestDatabase.OwnerRole}'")).ShouldBe(0);
        (await database.ScalarAsync<bool>($"SELECT has_table_privilege('{TestDatabase.AppRole}', 'audit_log', 'INSERT') AND NOT has_table_privilege('{TestDatabase.AppRole}', 'audit_log', 'UPDATE')")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_restore_refuses_a_damaged_archive_and_a_target_that_is_not_empty_unless_forced()
    {
        var (_, id, _) = await Chains.Submitted004Async(app, attachment: slot => Pdf($"{slot} damaged {Guid.NewGuid():N}"));
        var archive = Path.Combine(_folder, "ipp.tar");
        var manifest = await CreateBackup.RunAsync(BackupTarget.Of(app.Services), archive);
        (await Should.ThrowAsync<BackupException>(() => CreateBackup.RunAsync(BackupTarget.Of(app.Services), archive))).Message.ShouldContain("已存在");
        await using var database = await TestDatabase.CreateAsync();
        var target = new BackupTarget(database.OwnerConnectionString, database.AppConnectionString, Path.Combine(_folder, "restored"));

        // One byte of one uploaded file changed in the archive: nothing is restored.
        var damaged = Path.Combine(_folder, "damaged.tar");
        var bytes = await File.ReadAllBytesAsync(archive);
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(" damaged "));
        bytes[at + 1] ^= 1;
        await File.WriteAllBytesAsync(damaged, bytes);
        (await Should.ThrowAsync<BackupException>(() => RestoreBackup.RunAsync(damaged, target, force: false, NullLogger.Instance))).Message.ShouldContain("SHA-256 不符");
        (await database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).ShouldBe(0);
        Directory.Exists(target.FilesDirectory).ShouldBeFalse();

        (await RestoreBackup.RunAsync(archive, target, force: false, NullLogger.Instance)).Files.ShouldBe(manifest.Files.Count);
        var refused = await Should.ThrowAsync<BackupException>(() => RestoreBackup.RunAsync(archive, target, force: false, NullLogger.Instance));
        refused.Message.ShouldContain("--force");
        await database.ScalarAsync<int>("INSERT INTO audit_log (at, event, outcome) VALUES (now(), 'after.backup', 'Success') RETURNING 1");

        var forced = await RestoreBackup.RunAsync(archive, target, force: true, NullLogger.Instance);

        forced.MissingFiles.ShouldBe(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE event = 'after.backup'")).ShouldBe(0, "what happened after the backup is gone");
        (await database.ScalarAsync<long>($"SELECT count(*) FROM application_submissions WHERE application_id = '{id}'")).ShouldBe(1);
        (await database.ScalarAsync<bool>($"SELECT has_table_privilege('{TestDatabase.AppRole}', 'applications', 'UPDATE')")).ShouldBeTrue();
    }

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static async Task<Dictionary<Guid, string>> SnapshotsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<DbContext>().Set<ApplicationSubmission>().AsNoTracking().ToListAsync())
            .ToDictionary(s => s.Id, s => s.SnapshotHash());
    }

    /// <summary>verify-history's two checks: the review histories and the awards' events; the problems as text.</summary>
    private static async Task<(int Instances, int Entries, List<string> Problems)> VerifyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var (instances, entries, problems) = await scope.ServiceProvider.GetRequiredService<WorkflowHistory>().VerifyAllAsync();
        var (_, _, awardProblems) = await scope.ServiceProvider.GetRequiredService<VerifyAwardHistory>().RunAsync();
        return (instances, entries, [.. problems.Select(p => $"{p.SubjectId}: {p.Problem}"), .. awardProblems.Select(p => $"{p.AwardId}: {p.Problem}")]);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
