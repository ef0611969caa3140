/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, type PageFrame } from './layout.js';

/** A page that only says something: an error, or a section that is not there yet. */
export function MessagePage(props: PageFrame & { title: string; message: string; link?: { href: string; label: string } }) {
  return (
    <Layout {...props} title={props.title}>
      <h1>{props.title}</h1>
      <p class="card">{props.message}</p>
      {props.link && <a href={props.link.href}>{props.link.label}</a>}
    </Layout>
  );
}
