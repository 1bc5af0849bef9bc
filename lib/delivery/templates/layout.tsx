import type { CSSProperties, ReactNode } from 'react';
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { municipality } from '@/lib/municipality';

/** The frame every e-mail shares: the prefeitura's name, a heading, the content, and who sent it. */

const colors = { brand: municipality.colors.primary, text: '#1e293b', muted: '#475569', border: '#cbd5e1', quote: '#f1f5f9' };

export const styles = {
  text: { color: colors.text, fontSize: '16px', lineHeight: '24px', margin: '0 0 12px' },
  muted: { color: colors.muted, fontSize: '14px', lineHeight: '20px', margin: '0 0 8px' },
  label: { color: colors.muted, fontSize: '13px', margin: '0', textTransform: 'uppercase', letterSpacing: '0.04em' },
  value: { color: colors.text, fontSize: '16px', fontWeight: 600, margin: '0 0 10px' },
  quote: {
    background: colors.quote,
    borderLeft: `4px solid ${colors.brand}`,
    padding: '12px 16px',
    margin: '8px 0 16px',
    whiteSpace: 'pre-wrap',
    color: colors.text,
    fontSize: '16px',
    lineHeight: '24px',
  },
  link: { color: colors.brand, textDecoration: 'underline', wordBreak: 'break-all' },
} satisfies Record<string, CSSProperties>;

export function EmailFrame({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="pt-BR">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#ffffff', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0, padding: '16px 0' }}>
        <Container style={{ maxWidth: '600px', margin: '0 auto', padding: '0 16px' }}>
          <Section style={{ backgroundColor: colors.brand, padding: '12px 16px' }}>
            <Text style={{ color: '#ffffff', fontSize: '14px', margin: 0 }}>{municipality.prefeitura}</Text>
            <Text style={{ color: '#ffffff', fontSize: '20px', fontWeight: 700, margin: 0 }}>Ouvidoria Digital</Text>
          </Section>
          <Heading as="h1" style={{ color: colors.text, fontSize: '22px', lineHeight: '30px', margin: '24px 0 16px' }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: colors.border, margin: '24px 0 12px' }} />
          <Text style={styles.muted}>
            Mensagem automática da {municipality.siteName}. Não responda a este e-mail: use o link acima ou fale com a
            Ouvidoria pelo telefone {municipality.ouvidoria.tollFree ?? municipality.ouvidoria.phones[0]} ({municipality.ouvidoria.hours.toLowerCase()}).
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Field({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{value}</Text>
    </>
  );
}

export function Quote({ label, text }: { label: string; text: string }) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.quote}>{text}</Text>
    </>
  );
}

/** A button for mail apps that show HTML, and the address itself for those that show text or strip buttons. */
export function ActionLink({ href, label }: { href: string; label: string }) {
  return (
    <Section style={{ margin: '20px 0' }}>
      <Button href={href} style={{ backgroundColor: colors.brand, color: '#ffffff', padding: '12px 20px', borderRadius: '4px', fontWeight: 700 }}>
        {label}
      </Button>
      <Text style={{ ...styles.muted, marginTop: '12px' }}>
        Se o botão não abrir, copie este endereço no navegador:{' '}
        <Link href={href} style={styles.link}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}
