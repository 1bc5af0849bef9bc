'use client';

import { Component, type FormEvent, type ReactNode } from 'react';
import { typedValues } from '@/lib/actions/form-state';

/** What the form gets back after a post whose answer never arrived: what was typed, idempotency key included. */
export type LostPost = { values: Record<string, string> } | null;

type Props = {
  children: (recovery: { lostPost: LostPost; rememberPost: (event: FormEvent<HTMLFormElement>) => void }) => ReactNode;
};

/**
 * With JavaScript, a form post whose answer is lost (the connection dropped, the server restarted) throws
 * inside React, and the page's error boundary would replace the form and everything typed in it. This
 * boundary keeps a copy of the last post (taken on submit) and draws the form again from it, with the same
 * idempotency key, so that sending again either files the demand or shows the receipt of the one already
 * filed. Without JavaScript the browser itself keeps the post: a refresh sends it again.
 */
export class LostResponseBoundary extends Component<Props, { failure: string | null; error: unknown }> {
  state = { failure: null, error: null };
  /** What the last submit sent, until a failure takes it. */
  private pendingPost: Record<string, string> | null = null;
  private lostPost: LostPost = null;
  private handledFailure: string | null = null;

  static getDerivedStateFromError(error: unknown) {
    // A fresh key per failure, so that the form is mounted anew (its action state back to idle) each time.
    return { failure: `falha-${Date.now()}-${Math.random()}`, error };
  }

  private rememberPost = (event: FormEvent<HTMLFormElement>) => {
    this.pendingPost = typedValues(new FormData(event.currentTarget));
  };

  render() {
    const { failure, error } = this.state;
    if (failure && failure !== this.handledFailure) {
      // A failure with no post behind it is a broken page, not a lost answer: the page's error boundary
      // takes it (drawing the form again would fail again, for ever).
      if (!this.pendingPost) throw error;
      this.lostPost = { values: this.pendingPost };
      this.pendingPost = null;
      this.handledFailure = failure;
    }
    return <div key={failure ?? 'formulario'}>{this.props.children({ lostPost: this.lostPost, rememberPost: this.rememberPost })}</div>;
  }
}

/** The message over a form drawn again after its post got no answer. */
export function LostResponseNotice({ what }: { what: 'manifestação' | 'pedido' }) {
  const article = what === 'manifestação' ? 'a sua' : 'o seu';
  return (
    <section role="alert" aria-labelledby="envio-sem-resposta" className="mb-6 rounded border-4 border-amber-600 bg-amber-50 p-4">
      <h2 id="envio-sem-resposta" className="text-lg font-bold">
        Não recebemos a confirmação do envio
      </h2>
      <p className="mt-1">
        A conexão caiu antes da resposta, então não sabemos se {article} {what} foi registrad{what === 'manifestação' ? 'a' : 'o'}. O que você
        digitou continua aqui: envie de novo. Se já tiver sido registrad{what === 'manifestação' ? 'a' : 'o'}, você verá o mesmo número de
        protocolo, sem duplicar. Anexos precisam ser escolhidos de novo.
      </p>
    </section>
  );
}
