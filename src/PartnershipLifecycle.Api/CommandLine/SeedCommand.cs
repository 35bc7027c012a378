using System.Net.Http.Headers;
using System.Net.Http.Json;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PartnershipLifecycle.Api.Demo;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.CommandLine;

public sealed class SeedInput : NetCoreInput
{
    [Description("Load the demo institution (about 40 partners over two years of lives)")]
    public bool DemoFlag { get; set; }

    [Description("The institution (tenant_id) to load it into; it must have no partners yet")]
    public string TenantFlag { get; set; } = "demo";

    [Description("The random source's seed: the same seed gives the same names, dates and ids")]
    public int SeedFlag { get; set; } = 1;

    [Description("How many partners (1 to 1000)")]
    public int PartnersFlag { get; set; } = DemoInstitution.DefaultPartners;
}

/// <summary>
/// <c>seed --demo</c>: loads <see cref="DemoInstitution"/> into a tenant through the service's own HTTP API, so every
/// command is validated and decided as a coordinator's would be (the verb starts the service on a loopback port of
/// its own, with rate limits off, and stops it at the end). The read models and automation follow when the service
/// runs. Needs <c>Auth:SigningKey</c> (Development has one) to sign its coordinator token.
/// </summary>
// No square brackets: JasperFx prints the description as Spectre.Console markup, where "[--tenant demo]" is a style and `help` fails.
[Description("Loads demo data through the API: seed --demo, optionally --tenant demo --seed 1 --partners 40", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<SeedInput>
{
    public override async Task<bool> Execute(SeedInput input)
    {
        if (!input.DemoFlag)
        {
            Console.Error.WriteLine("Say what to load: seed --demo.");
            return false;
        }

        if (input.PartnersFlag is < 1 or > 1000)
        {
            Console.Error.WriteLine("--partners must be from 1 to 1000.");
            return false;
        }

        using var host = input.BuildHost();
        var settings = AuthSettings.From(host.Services.GetRequiredService<IConfiguration>());
        if (string.IsNullOrEmpty(settings.SigningKey))
        {
            Console.Error.WriteLine("seed --demo signs its requests with Auth:SigningKey, which is not set (run it with ASPNETCORE_ENVIRONMENT=Development, or set the key).");
            return false;
        }

        await host.StartAsync();
        try
        {
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var token = DevelopmentTokens.Create(settings, input.TenantFlag, [Roles.Coordinator], "demo-seed", TimeSpan.FromHours(1));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var existing = await client.GetFromJsonAsync<PageTotal>("/api/partners?pageSize=1", PartnershipJson.Options);
            if (existing is { Total: > 0 })
            {
                Console.Error.WriteLine($"Tenant '{input.TenantFlag}' already has {existing.Total} partner(s); the demo goes into an empty one (--tenant).");
                return false;
            }

            var today = host.Services.GetRequiredService<InstitutionCalendar>().Today(input.TenantFlag);
            var plan = DemoInstitution.Plan(input.SeedFlag, today, input.PartnersFlag);
            foreach (var request in plan)
            {
                using var answer = await client.PostAsJsonAsync(request.Path, request.Body, PartnershipJson.Options);
                if (!answer.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"POST {request.Path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                    return false;
                }
            }

            Console.WriteLine($"Loaded the demo institution into tenant '{input.TenantFlag}': {input.PartnersFlag} partners, {plan.Count} commands (seed {input.SeedFlag}, dated back from {today:yyyy-MM-dd}).");
            return true;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed record PageTotal(long Total);
}
