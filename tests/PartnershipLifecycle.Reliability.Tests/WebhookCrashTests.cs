using System.Text.Json.Nodes;
using PartnershipLifecycle.Reliability.Tests.Support;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Reliability.Tests;

/// <summary>
/// Webhook deliveries across a <c>kill -9</c> between tries: one receiver fails until the node is killed and accepts
/// once a new node runs, another fails every try. After the new process takes over, the first gets its event once
/// more and accepts it (tries numbered on across the crash, the same event id), and the second gets exactly
/// <c>MaxAttempts</c> tries, numbered 1 to <c>MaxAttempts</c> across the crash, after which the delivery is
/// <c>dead_lettered</c>, its message is in Wolverine's dead-letter table, and no further try is queued.
/// </summary>
public sealed class WebhookCrashTests
{
    private const int MaxAttempts = 5;

    [Fact]
    public async Task Deliveries_across_a_kill_keep_their_ids_and_are_dead_lettered_exactly_when_the_tries_run_out()
    {
        var database = await TestDatabases.CreateAsync("rel_webhooks");
        var tenant = Node.NewTenant();
        var timeline = new Timeline();
        await using var receiver = await Receiver.StartAsync();
        // Four waits of 2 s: five tries. The receiver is on loopback, which only this setting lets a webhook reach.
        var settings = new Dictionary<string, string?> { ["Webhooks__AllowPrivateNetworks"] = "true" };
        for (var i = 0; i < MaxAttempts - 1; i++)
        {
            settings[$"Webhooks__RetryDelays__{i}"] = "00:00:02";
        }

        try
        {
            Guid flaky, down, partner;
            await using (var first = await Node.StartAsync("first", database, tenant, settings))
            {
                timeline.Say("first node ready");
                flaky = await Register(first, receiver.BaseUrl + "/flaky");
                down = await Register(first, receiver.BaseUrl + "/down");
                partner = await first.NewPartner("Webhook Crash Partner Ltd");
                await first.Post($"api/partners/{partner}/lost", new { reason = "other", occurredOn = Dates.Today });

                // Both receivers have failed two tries; the next is two seconds away.
                await Task.WhenAll(receiver.WhenTries("flaky", 2, TimeSpan.FromSeconds(60)), receiver.WhenTries("down", 2, TimeSpan.FromSeconds(60)));
                timeline.Say("two failed tries each: kill -9");
                await first.KillAsync();
            }

            var triesAtKill = (Flaky: receiver.Tries("flaky").Count, Down: receiver.Tries("down").Count);
            triesAtKill.Down.ShouldBeLessThan(MaxAttempts, "the kill came after the last try");

            await using var second = await Node.StartAsync("second", database, tenant, settings);
            receiver.Accepting = true;
            timeline.Say("second node ready");
            JsonNode? delivered = null, deadLettered = null;
            await second.Process.WaitUntil(async () =>
            {
                delivered = (await second.Get($"api/admin/webhooks/{flaky}/deliveries"))["items"]!.AsArray().SingleOrDefault();
                deadLettered = (await second.Get($"api/admin/webhooks/{down}/deliveries"))["items"]!.AsArray().SingleOrDefault();
                return delivered?["status"]?.GetValue<string>() == "succeeded" && deadLettered?["status"]?.GetValue<string>() == "dead_lettered";
            }, TimeSpan.FromSeconds(90), "the flaky receiver served and the other delivery dead-lettered");
            timeline.Say("delivered and dead-lettered");

            var flakyTries = receiver.Tries("flaky");
            flakyTries.Count.ShouldBeGreaterThan(triesAtKill.Flaky, "no try after the kill");
            flakyTries.Select(t => t.Answered).ShouldBe([.. Enumerable.Repeat(500, flakyTries.Count - 1), 200], "the flaky receiver's tries: accepted once, by the last");
            // A try the kill interrupted before its record is run again as the same try (WebhookDeliveryHandlers: one
            // counter, Wolverine's): its number may come twice, in order, never skipped.
            flakyTries.Select(t => t.Attempt).ShouldBe(flakyTries.Select(t => t.Attempt).Order(), "X-Delivery-Attempt across the kill, in order");
            var flakyNumbers = flakyTries.Select(t => t.Attempt).Distinct().ToArray();
            flakyNumbers.ShouldBe(Enumerable.Range(1, flakyNumbers.Length), "X-Delivery-Attempt across the kill, none skipped");
            flakyTries.Count.ShouldBeLessThanOrEqualTo(flakyNumbers.Length + 1, "at most the try in flight at the kill comes twice");
            flakyTries.Select(t => t.EventId).Distinct().ShouldHaveSingleItem().ShouldBe(delivered!["eventId"]!.GetValue<string>());
            delivered["attempts"]!.GetValue<int>().ShouldBe(flakyNumbers.Length);

            var downTries = receiver.Tries("down");
            downTries.Select(t => t.Attempt).ShouldBe(downTries.Select(t => t.Attempt).Order(), "in order across the kill");
            downTries.Select(t => t.Attempt).Distinct().ShouldBe(Enumerable.Range(1, MaxAttempts), "each number, across the kill");
            downTries.Count.ShouldBeLessThanOrEqualTo(MaxAttempts + 1, "at most the try in flight at the kill comes twice");
            downTries.Select(t => t.EventId).Distinct().ShouldHaveSingleItem().ShouldBe(deadLettered!["eventId"]!.GetValue<string>());
            deadLettered["attempts"]!.GetValue<int>().ShouldBe(MaxAttempts);

            // Dead-lettered for real: the message is in Wolverine's dead-letter table, and nothing is left to try.
            var deliveryId = deadLettered["id"]!.GetValue<string>();
            var deadLetters = await Stored.QueryAsync(database,
                $"select position(convert_to('{deliveryId}', 'UTF8') in body) > 0 from wolverine.wolverine_dead_letters where message_type ilike '%deliverwebhook%'",
                r => r.GetBoolean(0));
            deadLetters.ShouldBe([true], "one dead letter, the delivery's message");
            // (Handled envelopes stay a while, marked Handled, so that a duplicate is recognised.)
            var queued = await Stored.QueryAsync(database,
                "select status || ' owner ' || owner_id || ' attempts ' || attempts || ' at ' || coalesce(execution_time::text, '-') " +
                "from wolverine.wolverine_incoming_envelopes where message_type ilike '%deliverwebhook%' and status <> 'Handled'", r => r.GetString(0));
            queued.ShouldBeEmpty("a DeliverWebhook still queued after its delivery ended");
            receiver.Tries("down").Count.ShouldBe(downTries.Count, "no try after the dead letter");
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }

    private static async Task<Guid> Register(Node node, string url) =>
        (await node.Post("api/admin/webhooks", new { url, events = new[] { "partnership_lost" }, secret = "a-shared-webhook-secret-0123" }))["id"]!.GetValue<Guid>();
}
