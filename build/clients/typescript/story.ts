// A partner's life through openapi-fetch, typed by openapi-typescript from the service's own /openapi/v1.json
// (build/client-check.sh writes generated/api.d.ts, then runs `tsc --noEmit` over this file): create, outreach,
// contact added, pitch, MOU, the champion's departure (with If-Match), the turnover alert acknowledged, the
// history, and the funnel as JSON and as CSV. No casts: every body, parameter and answer is the generated type.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api";

type Schemas = components["schemas"];

export async function story(baseUrl: string, token: string): Promise<void> {
  const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  const day: string = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const fail = (what: string): never => {
    throw new Error(`TypeScript client story failed: ${what}`);
  };

  const prospect: Schemas["IdentifyProspect"] = {
    name: `Harbour VR Studio ${crypto.randomUUID().slice(0, 8)}`,
    sector: "creative_technology",
    channel: "alumni_network",
    motivations: ["attract_talent"],
    occurredOn: day,
  };
  const created = await api.POST("/api/partners", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: prospect,
  });
  const id: string = created.data?.partnerId ?? fail(`create answered ${created.response.status}`);
  const etag: string | null = created.response.headers.get("ETag");
  console.log(`  created partner ${id} (ETag ${etag})`);

  const path = { path: { id } };
  await api.POST("/api/partners/{id}/outreach", { params: path, body: { channel: "email", summary: "Intro from our alumna", occurredOn: day } });
  const contact = await api.POST("/api/partners/{id}/contacts", { params: path, body: { name: "Chloe Chan", role: "champion", occurredOn: day } });
  const contactId: string = contact.data?.contactId ?? fail("adding a contact answered no contactId");
  await api.POST("/api/partners/{id}/pitches", {
    params: path,
    body: { valueProposition: "XR talent pipeline", offerings: ["work_placement", "mentorship"], occurredOn: day },
  });
  const signed = await api.POST("/api/partners/{id}/mou", {
    params: path,
    body: {
      signedOn: day,
      startsOn: day,
      endsOn: `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`,
      commitments: { placementsPerYear: 6, mentors: 2, guestSessionsPerYear: 3, advisoryBoardSeat: false },
      partnerResponsibilities: ["host placements"],
      institutionResponsibilities: ["prepare students"],
    },
  });
  const version: number = signed.data?.version ?? fail(`signing the MOU answered ${signed.response.status}`);

  const departed = await api.POST("/api/partners/{id}/contacts/{contactId}/departed", {
    params: { path: { id, contactId }, header: { "If-Match": `"${version}"` } },
    body: { occurredOn: day, movedTo: "Northwind Games" },
  });
  if (departed.error) {
    const problem: Schemas["PreconditionProblem"] | Schemas["ValidationProblem"] | Schemas["ConflictProblem"] | Schemas["Problem"] = departed.error;
    fail(`the departure was refused: ${problem.title} (${problem.status})`);
  }

  let alert: Schemas["AlertView"] | undefined;
  for (let tries = 0; tries < 150 && alert === undefined; tries++) {
    const open = await api.GET("/api/alerts", { params: { query: { status: "open", pageSize: 200 } } });
    alert = open.data?.items.find((a) => a.partnerId === id);
    if (alert === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const alertId: string = alert?.id ?? fail("no open turnover alert for the partner");
  await api.POST("/api/alerts/{id}/acknowledge", { params: { path: { id: alertId } } });

  const history = await api.GET("/api/partners/{id}/history", { params: path });
  const types: string[] = history.data?.events.map((e) => e.type) ?? fail("no history");
  console.log(`  history: ${types.join(", ")}`);

  const funnel = await api.GET("/api/analytics/funnel", { params: { query: {} } });
  // The report is offered as JSON and as CSV, so the answer is typed as either: the JSON one is an object.
  const stages: Schemas["FunnelStage"][] = typeof funnel.data === "object" ? funnel.data.stages : fail("no funnel as JSON");
  const csv = await api.GET("/api/analytics/funnel", { headers: { Accept: "text/csv" }, parseAs: "text" });
  const text: string = csv.data ?? fail("no CSV");
  console.log(`  funnel: ${stages.length} stages, ${text.split("\r\n").length} CSV lines`);
}
