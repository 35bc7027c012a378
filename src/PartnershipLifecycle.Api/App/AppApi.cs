using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Api.App;

/// <summary>What the API answered a command the app sent: success, or the refusal with its messages by field.</summary>
/// <param name="Status">The HTTP status (200/201 accepted; 400 field errors; 404; 409 refused; 412 changed since opened).</param>
/// <param name="Errors">The problem's <c>errors</c>: field (as the API names it: <c>summary</c>, <c>commitments.mentors</c>) → messages.</param>
/// <param name="Detail">The problem's <c>detail</c> (or title) for a refusal not tied to a field, in the page's language (<c>Accept-Language</c>).</param>
/// <param name="Values">The answer's top-level strings and numbers as text: <c>partnerId</c> of an acceptance,
/// <c>existingPartnerId</c> of the duplicate check's refusal.</param>
public sealed record CommandAnswer(int Status, IReadOnlyDictionary<string, string[]> Errors, string? Detail, IReadOnlyDictionary<string, string>? Values = null)
{
    /// <summary>A value of the answer as a UUID (<c>partnerId</c>, <c>existingPartnerId</c>), or null.</summary>
    public Guid? IdOf(string name) => Values is not null && Values.TryGetValue(name, out var text) && Guid.TryParse(text, out var id) ? id : null;

    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>412: the partner moved on since the form was opened (<c>If-Match</c>).</summary>
    public bool Stale => Status == (int)HttpStatusCode.PreconditionFailed;
}

/// <summary>
/// Sends the day's commands to the service's own HTTP API, as the signed-in person: with their token (the OIDC access
/// token kept in the session, or in Development a short-lived token minted with <c>Auth:SigningKey</c> for the
/// session's claims). So a form goes through exactly what a client's request goes through — authorization, rate
/// limits, the body guard, the command's field rules, If-Match, the decision — and nothing is decided twice.
/// </summary>
public sealed class AppApi(IHttpClientFactory clients, IHttpContextAccessor accessor, IServer server, IOptions<AppSettings> settings, IConfiguration configuration, TimeProvider clock)
{
    public const string ClientName = "partnerships-app-api";

    /// <summary>POSTs <paramref name="body"/> (or nothing) to <paramref name="path"/> (e.g. <c>/api/partners/{id}/engagements</c>).</summary>
    /// <param name="ifMatch">The partner's version when the form was opened, sent as <c>If-Match: "n"</c>.</param>
    public async Task<CommandAnswer> PostAsync(string path, JsonObject? body, long? ifMatch, CancellationToken ct)
    {
        var http = accessor.HttpContext ?? throw new InvalidOperationException("AppApi is used outside a request.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress(), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        // The page's language: the API answers its refusals in it (en, zh-HK).
        if (CultureInfo.CurrentUICulture.Name is { Length: > 0 } language)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        if (http.Request.Headers.TryGetValue("X-Correlation-Id", out var correlation))
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlation.ToString());
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        var status = (int)response.StatusCode;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            try
            {
                using var accepted = JsonDocument.Parse(text);
                Scalars(accepted.RootElement, values);
            }
            catch (JsonException)
            {
                // An acceptance without a JSON body: nothing more to tell.
            }

            return new CommandAnswer(status, new Dictionary<string, string[]>(), null, values);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            Scalars(root, values);
            detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                        : [field.Value.ToString()];
                }
            }
        }
        catch (JsonException)
        {
            detail = response.ReasonPhrase;
        }

        return new CommandAnswer(status, errors, detail, values);
    }

    private static void Scalars(JsonElement root, Dictionary<string, string> values)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in root.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number))
        {
            values[property.Name] = property.Value.ToString();
        }
    }

    private async Task<string> TokenAsync(HttpContext http)
    {
        if (await http.GetTokenAsync(AppSetup.CookieScheme, "access_token") is { Length: > 0 } accessToken)
        {
            return accessToken;
        }

        // A development session (the sign-in page): a token for exactly its claims, good for a minute.
        var auth = AuthSettings.From(configuration);
        if (string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            throw new InvalidOperationException("The session carries no access token and Auth:SigningKey is not set.");
        }

        var user = http.User;
        return DevelopmentTokens.Create(auth, user.TenantId(), user.FindAll(ClaimNames.Role).Select(c => c.Value), user.Actor(), TimeSpan.FromMinutes(1), clock);
    }

    private Uri BaseAddress()
    {
        if (!string.IsNullOrWhiteSpace(settings.Value.ApiBaseAddress))
        {
            return new Uri(settings.Value.ApiBaseAddress);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The service listens on no address; set App:ApiBaseAddress.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost"));
        if (uri.Host is "0.0.0.0")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}
