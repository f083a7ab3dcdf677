import { Parser } from '@asyncapi/parser';
import { asyncApiDocument } from '../../../src/api/self-service/asyncapi.document';
import { deliveryProblems } from '../../support/webhook-contract';

describe('the AsyncAPI document of the webhooks', () => {
  it('is a valid AsyncAPI 3 document with a channel per webhook event', async () => {
    const { document, diagnostics } = await new Parser().parse(asyncApiDocument('https://livsforloeb.example'));
    // Severity 0 is an error; warnings and hints (style) do not make the document unusable. The parser's own copy of
    // @stoplight/types defines the severities, so its enum cannot be imported to compare with.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- see above
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(['correction.requested', 'step.awaiting', 'step.completed', 'step.failed']);
    for (const message of document!.messages().all()) expect(message.payload()?.required()).toEqual(['id', 'type', 'createdAt', 'data']);
  });

  it('has examples that its own schemas accept, and refuses a delivery that differs from them', () => {
    const doc = asyncApiDocument() as {
      components: { messages: Record<string, { examples: { headers: Record<string, string>; payload: Record<string, unknown> }[] }> };
    };
    for (const message of Object.values(doc.components.messages)) {
      for (const example of message.examples) expect(deliveryProblems(example.headers, JSON.stringify(example.payload))).toEqual([]);
    }
    const [example] = doc.components.messages.stepCompleted.examples;
    expect(deliveryProblems(example.headers, JSON.stringify({ ...example.payload, data: { journey: {} } }))).not.toEqual([]);
    expect(deliveryProblems({ ...example.headers, 'x-livsforloeb-signature': 'sha256=abc' }, JSON.stringify(example.payload))).not.toEqual(
      [],
    );
  });
});
