using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>
/// Webhook secrets are stored protected (Data Protection), rotated with a grace period in which both signatures
/// go out, and every administration action is recorded with who and when for auditors.
/// </summary>
public class WebhookSecretsTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    private static string Hmac(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>How many rows of every table of the database hold <paramref name="text"/>, by table.</summary>
    private async Task<Dictionary<string, long>> RowsHolding(string text)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Count.ShouldBeGreaterThan(10);
        var found = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            // Each row as text (every column, JSON included), searched for the text as written.
            await using var search = new NpgsqlCommand($"select count(*) from {table} t where strpos(t::text, @text) > 0", connection);
            search.Parameters.AddWithValue("text", text);
            var count = (long)(await search.ExecuteScalarAsync())!;
            if (count > 0)
            {
                found[table] = count;
            }
        }

        return found;
    }

    [Fact]
    public async Task No_table_of_the_database_holds_a_webhook_secret_in_clear()
    {
        var secret = "clear-secret-" + Guid.NewGuid().ToString("N");
        var marker = "https://hooks.example.com/" + Guid.NewGuid().ToString("N");
        var created = await Admin.Post("/api/admin/webhooks", new { url = marker, events = new[] { IntegrationEventTypes.PartnershipLost }, secret }, 201);
        var id = created.Json()["id"]!.GetValue<Guid>();
        await Admin.Post($"/api/admin/webhooks/{id}/secret", new { secret = secret + "-rotated" }, 200);

        (await RowsHolding(marker)).ShouldNotBeEmpty("the search finds what is stored in clear: the webhook's url");
        (await RowsHolding(secret)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_secret_stored_in_clear_by_an_earlier_version_is_protected_at_start_up_and_still_signs()
    {
        var secret = "legacy-clear-secret-" + Guid.NewGuid().ToString("N");
        var webhook = new PartnershipLifecycle.Webhooks.WebhookSubscription(Guid.NewGuid(), "https://hooks.example.com/legacy",
            [IntegrationEventTypes.PartnershipLost], Fixture.Clock.GetUtcNow(), "admin") { Secret = secret };
        await using (var session = Store.LightweightSession(Tenant))
        {
            session.Store(webhook);
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        (await RowsHolding(secret)).ShouldNotBeEmpty("stored in clear, as earlier versions did");

        var secrets = Host.Services.GetRequiredService<PartnershipLifecycle.Webhooks.WebhookSecrets>();
        (await PartnershipLifecycle.Webhooks.LegacyWebhookSecrets.ProtectAllAsync(Store, secrets, TestContext.Current.CancellationToken)).ShouldBeGreaterThanOrEqualTo(1);

        (await RowsHolding(secret)).ShouldBeEmpty();
        await using var query = Store.QuerySession(Tenant);
        var stored = (await query.LoadAsync<PartnershipLifecycle.Webhooks.WebhookSubscription>(webhook.Id, TestContext.Current.CancellationToken))!;
        stored.Secret.ShouldBeNull();
        stored.SigningSecrets(secrets, Tenant, Fixture.Clock.GetUtcNow()).ShouldBe([secret]);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_both_signatures_newest_first()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;
        const string newSecret = "the-new-webhook-secret-4567";
        var rotated = await Admin.Post($"/api/admin/webhooks/{webhookId}/secret", new { secret = newSecret }, 200);
        var until = rotated.Json()["previousSecretUntil"]!.GetValue<DateTimeOffset>();
        until.ShouldBe(Fixture.Clock.GetUtcNow().AddDays(1), TimeSpan.FromSeconds(5));

        var partner = await NewPartner();
        await Do(partner, "lost", new { reason = "other", occurredOn = Today });

        var got = await receiver.WaitForType(IntegrationEventTypes.PartnershipLost);
        got.Signature.ShouldBe($"{Hmac(newSecret, got.Body)}, {Hmac(Secret, got.Body)}");
    }

    [Fact]
    public async Task A_rotation_is_validated_and_needs_an_existing_webhook_of_the_tenant()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;

        (await Admin.Post($"/api/admin/webhooks/{webhookId}/secret", new { secret = "short" }, 400)).Json()["errors"]!["secret"].ShouldNotBeNull();
        await Admin.Post($"/api/admin/webhooks/{Guid.NewGuid()}/secret", new { secret = "a-long-enough-secret-000" }, 404);
        await As("admin", tenant: "other-" + Tenant).Post($"/api/admin/webhooks/{webhookId}/secret", new { secret = "a-long-enough-secret-000" }, 404);
        await Coordinator.Post($"/api/admin/webhooks/{webhookId}/secret", new { secret = "a-long-enough-secret-000" }, 403);
    }

    [Fact]
    public async Task Every_webhook_administration_is_in_the_audit_trail_with_who_and_when()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;
        await Admin.Post($"/api/admin/webhooks/{webhookId}/secret", new { secret = "the-new-webhook-secret-4567" }, 200);
        await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, "admin"));
            s.Delete.Url($"/api/admin/webhooks/{webhookId}");
            s.StatusCodeShouldBe(204);
        });

        await Coordinator.Get("/api/admin/audit", 403);
        var audit = await As("auditor").Get("/api/admin/audit");
        var entries = audit.Json()["items"]!.AsArray();
        entries.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["webhook_registered", "webhook_secret_rotated", "webhook_deleted"]);
        foreach (var entry in entries)
        {
            entry!["by"]!.GetValue<string>().ShouldBe("tester");
            entry["at"]!.GetValue<DateTimeOffset>().ShouldBe(Fixture.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
            entry["data"]!["webhookId"]!.GetValue<Guid>().ShouldBe(webhookId);
        }

        entries[0]!["data"]!["url"]!.GetValue<string>().ShouldBe(receiver.Url);
        audit.ReadAsText().ShouldNotContain(Secret);
        (await As("auditor", tenant: "other-" + Tenant).Get("/api/admin/audit")).Json()["items"]!.AsArray().ShouldBeEmpty();
    }
}
