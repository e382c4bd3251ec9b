using IpPlatform.Identity.Accounts;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Tests.Accounts;

/// <summary>The platform with its production password hashing (the other fixtures hash at a test's cost).</summary>
public sealed class ProductionHashingPlatform : PlatformFactory
{
    protected override bool ProductionPasswordHashing => true;
}

/// <summary>argon2id at OWASP's parameters for every new password; older hashes are replaced at the next sign-in.</summary>
public sealed class PasswordHashingTests(ProductionHashingPlatform app) : IClassFixture<ProductionHashingPlatform>
{
    private const string Owasp = "$argon2id$v=19$m=19456,t=2,p=1$";

    private Task<string?> StoredHashAsync(string email) =>
        app.Database.ScalarAsync<string>($"SELECT password_hash FROM users WHERE email = '{email}'");

    private Task SetHashAsync(string email, string hash) =>
        app.Database.ScalarAsync<int>($"UPDATE users SET password_hash = '{hash}' WHERE email = '{email}'");

    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task A_new_password_is_stored_as_argon2id_with_owasp_parameters_a_128_bit_salt_and_a_256_bit_hash()
    {
        var (_, _, email) = await Registration.RegisterAsync(app);

        var stored = (await StoredHashAsync(email)).ShouldNotBeNull();

        stored.ShouldStartWith(Owasp);
        var parts = stored.Split('$');   // "", "argon2id", "v=19", "m=19456,t=2,p=1", salt, hash (unpadded base64)
        parts.Length.ShouldBe(6);
        Convert.FromBase64String(parts[4] + "==").Length.ShouldBe(16);
        Convert.FromBase64String(parts[5] + "=").Length.ShouldBe(32);
        (await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, Registration.Password))).RedirectsTo("/org").ShouldBeTrue();
    }

    [Fact]
    public async Task An_account_with_a_pbkdf2_hash_signs_in_through_the_form_and_its_hash_becomes_argon2id()
    {
        var (_, _, email) = await Registration.RegisterAsync(app);
        // What the platform stored before: ASP.NET Core Identity's V3 format, PBKDF2-HMAC-SHA512, 15,000 iterations.
        var old = new PasswordHasher<PlatformUser>(Options.Create(new PasswordHasherOptions { IterationCount = 15_000 }))
            .HashPassword(new PlatformUser { DisplayName = "" }, Registration.Password);
        await SetHashAsync(email, old);

        var wrong = await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, "Wrong#2026pw"));
        wrong.Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        (await StoredHashAsync(email)).ShouldBe(old, "a failed sign-in changes nothing");

        var signedIn = await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, Registration.Password));

        signedIn.RedirectsTo("/org").ShouldBeTrue(Chains.Problems(signedIn.Html));
        var stored = (await StoredHashAsync(email)).ShouldNotBeNull();
        stored.ShouldStartWith(Owasp);
        (await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, Registration.Password))).RedirectsTo("/org").ShouldBeTrue();
        (await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, "Wrong#2026pw"))).Html.ShouldContain(Pages.Account.LoginModel.FailedMessage);
        (await StoredHashAsync(email)).ShouldBe(stored, "a sign-in with a current hash stores nothing new");
    }

    [Fact]
    public async Task An_argon2_hash_of_weaker_parameters_is_replaced_at_the_next_sign_in()
    {
        var (_, _, email) = await Registration.RegisterAsync(app);
        var weak = new Argon2PasswordHasher(new Argon2Parameters(4_096, 1, 1)).HashPassword(new PlatformUser { DisplayName = "" }, Registration.Password);
        weak.ShouldStartWith("$argon2id$v=19$m=4096,t=1,p=1$");
        await SetHashAsync(email, weak);

        (await app.NewFormClient().SubmitAsync("/account/login", "登录", Credentials(email, Registration.Password))).RedirectsTo("/org").ShouldBeTrue();

        (await StoredHashAsync(email)).ShouldNotBeNull().ShouldStartWith(Owasp);
    }

    [Fact]
    public void The_hasher_refuses_wrong_passwords_and_damaged_hashes_and_asks_for_rehash_only_below_its_parameters()
    {
        var user = new PlatformUser { DisplayName = "" };
        var hasher = new Argon2PasswordHasher();
        var hash = hasher.HashPassword(user, "Right#2026pw");

        hasher.VerifyHashedPassword(user, hash, "Right#2026pw").ShouldBe(PasswordVerificationResult.Success);
        hasher.VerifyHashedPassword(user, hash, "Wrong#2026pw").ShouldBe(PasswordVerificationResult.Failed);
        hasher.VerifyHashedPassword(user, hash[..^4], "Right#2026pw").ShouldBe(PasswordVerificationResult.Failed);
        hasher.VerifyHashedPassword(user, "$argon2id$v=19$garbage", "Right#2026pw").ShouldBe(PasswordVerificationResult.Failed);
        hasher.VerifyHashedPassword(user, "not a hash", "Right#2026pw").ShouldBe(PasswordVerificationResult.Failed);
        hasher.HashPassword(user, "Right#2026pw").ShouldNotBe(hash, "a new salt each time");

        // Stronger than required: kept. Less time: replaced.
        var stronger = new Argon2PasswordHasher(new Argon2Parameters(32_768, 3, 1)).HashPassword(user, "Right#2026pw");
        hasher.VerifyHashedPassword(user, stronger, "Right#2026pw").ShouldBe(PasswordVerificationResult.Success);
        var lessTime = new Argon2PasswordHasher(new Argon2Parameters(19_456, 1, 1)).HashPassword(user, "Right#2026pw");
        hasher.VerifyHashedPassword(user, lessTime, "Right#2026pw").ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
        // What the platform never wrote and libsodium does not compute: the argon2i variant, several lanes.
        var argon2i = Isopoh.Cryptography.Argon2.Argon2.Hash("Right#2026pw", timeCost: 2, memoryCost: 19_456, type: Isopoh.Cryptography.Argon2.Argon2Type.DataIndependentAddressing);
        argon2i.ShouldStartWith("$argon2i$");
        hasher.VerifyHashedPassword(user, argon2i, "Right#2026pw").ShouldBe(PasswordVerificationResult.Failed);
        var fourLanes = Isopoh.Cryptography.Argon2.Argon2.Hash("Right#2026pw", timeCost: 2, memoryCost: 19_456, parallelism: 4);
        fourLanes.ShouldContain("p=4$");
        hasher.VerifyHashedPassword(user, fourLanes, "Right#2026pw").ShouldBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public void The_stored_strings_are_standard_argon2id_that_an_independent_implementation_verifies_both_ways()
    {
        // Isopoh's managed argon2 (what the platform used before libsodium) checks our strings, and ours check its strings:
        // the passwords stored so far keep working, and the format ties the platform to no library.
        var user = new PlatformUser { DisplayName = "" };
        var hasher = new Argon2PasswordHasher();
        const string password = "Right#2026pw 密码";

        var ours = hasher.HashPassword(user, password);
        Isopoh.Cryptography.Argon2.Argon2.Verify(ours, password).ShouldBeTrue();
        Isopoh.Cryptography.Argon2.Argon2.Verify(ours, "Wrong#2026pw 密码").ShouldBeFalse();

        var theirs = Isopoh.Cryptography.Argon2.Argon2.Hash(password, timeCost: 2, memoryCost: 19_456, parallelism: 1,
            type: Isopoh.Cryptography.Argon2.Argon2Type.HybridAddressing, hashLength: 32);
        theirs.ShouldStartWith(Owasp);
        hasher.VerifyHashedPassword(user, theirs, password).ShouldBe(PasswordVerificationResult.Success);
        hasher.VerifyHashedPassword(user, theirs, "Wrong#2026pw 密码").ShouldBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task Sign_ins_take_turns_at_the_cores_in_order_of_arrival_and_hash_within_their_turn()
    {
        // Two cores: the first two sign-ins hash at once; the third and fourth wait, in that order, for a core.
        var turns = new PasswordHashingTurns(cores: 2);
        var hasher = new Argon2PasswordHasher(PlatformFactory.TestPasswordHashing, turns);
        var user = new PlatformUser { DisplayName = "" };
        TaskCompletionSource<bool> Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
        var (endFirst, endSecond, endThird, thirdIn, fourthIn) = (Gate(), Gate(), Gate(), Gate(), Gate());
        var first = turns.CheckAsync(() => endFirst.Task, default);
        var second = turns.CheckAsync(() => endSecond.Task, default);
        var third = turns.CheckAsync(async () => { thirdIn.SetResult(true); return await endThird.Task; }, default);
        var fourth = turns.CheckAsync(async () =>
        {
            fourthIn.SetResult(true);
            // Both cores are held (by the third and fourth turns): a hash in this flow's turn must not wait for a third.
            var inTurn = await Task.Run(() => hasher.HashPassword(user, "Right#2026pw")).WaitAsync(TimeSpan.FromSeconds(60));
            return hasher.VerifyHashedPassword(user, inTurn, "Right#2026pw");
        }, default);
        thirdIn.Task.IsCompleted.ShouldBeFalse("both cores are taken");
        fourthIn.Task.IsCompleted.ShouldBeFalse("both cores are taken");

        endFirst.SetResult(true);
        await thirdIn.Task.WaitAsync(TimeSpan.FromSeconds(30));
        fourthIn.Task.IsCompleted.ShouldBeFalse("the third came first");
        endSecond.SetResult(true);
        (await fourth.WaitAsync(TimeSpan.FromSeconds(90))).ShouldBe(PasswordVerificationResult.Success);

        endThird.SetResult(true);
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(30));
        // Outside any turn a hash waits for a free core, and there are two again.
        var outside = await Task.Run(() => hasher.HashPassword(user, "Right#2026pw")).WaitAsync(TimeSpan.FromSeconds(60));
        hasher.VerifyHashedPassword(user, outside, "Right#2026pw").ShouldBe(PasswordVerificationResult.Success);
    }
}
