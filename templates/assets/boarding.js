// The bus door, made to work without signal. Every tap is kept on the phone first (the
// browser's localStorage, one list per departure), shown at once, and sent to the server in
// the background: now if there is a network, else when it returns. Each change has its own
// id, which the server keeps with it, so sending the same change twice does it once. The
// server answers with the bus as it stands, which the page then shows: two phones on one bus
// agree once both have sent. A change another phone made first is a conflict, shown plainly.
// A departure of several buses: the page is one bus's (data-vehicle), the server answers that
// bus, and its last answer is kept per bus; the changes wait in the departure's one list, so
// whatever bus's page is open sends them all.
// Without this script every button is an ordinary form.
(() => {
  const door = document.querySelector('[data-door]');
  if (!door) return;
  const departureId = door.dataset.door;
  /** The bus this page lists; empty for a departure of one bus. */
  const bus = door.dataset.vehicle || '';
  const csrf = door.dataset.csrf;
  const words = JSON.parse(document.getElementById('door-words').textContent);
  const STORE = `tourdesk.door.${departureId}`;
  const REFRESH_MS = 15000;

  /** The bus as the server last told it: marks and money. */
  let server = JSON.parse(document.getElementById('door-state').textContent);
  /** What is kept besides: the last answer of each bus of the departure (several buses), or of the one. */
  let kept = {};
  /** Changes not yet taken by the server, in the order they were made. */
  let queue = [];
  /** Changes the server refused because another phone got there first. */
  let conflicts = [];
  let status = 'idle';
  /** Whether this page has sent any change yet. */
  let sentSome = false;

  function load() {
    try {
      kept = JSON.parse(localStorage.getItem(STORE) || '{}') || {};
      queue = Array.isArray(kept.queue) ? kept.queue : [];
      conflicts = Array.isArray(kept.conflicts) ? kept.conflicts : [];
      // The page may come from the phone's copy: the last answer kept is newer than it.
      const last = bus ? kept.servers?.[bus] : kept.server;
      if (last && last.at > server.at) server = last;
    } catch {
      kept = {};
      queue = [];
    }
  }
  function save() {
    try {
      const servers = bus ? { ...(kept.servers ?? {}), [bus]: server } : kept.servers;
      kept = { queue, conflicts, server: bus ? kept.server : server, servers };
      localStorage.setItem(STORE, JSON.stringify(kept));
    } catch {
      // A full storage keeps the changes in this page only; they are still sent.
    }
  }

  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? ''));
  const money = (minor, currency) => {
    try {
      const format = new Intl.NumberFormat(words.intl, { style: 'currency', currency });
      return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
    } catch {
      return `${minor} ${currency}`;
    }
  };
  // As the server writes them (src/i18n): the same Intl formats, in the agency's zone.
  const clock = (iso) => new Intl.DateTimeFormat(words.intl, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: words.zone }).format(new Date(iso));
  const plural = (forms, n) => (forms[new Intl.PluralRules(words.intl).select(n)] ?? forms.other ?? '#').replace('#', String(n));

  /** A traveller's mark with the changes still waiting applied on top. */
  function markOf(travellerId) {
    const known = server.travellers[travellerId];
    if (!known) return null;
    let mark = { ...known, waiting: false };
    for (const op of queue) {
      if (op.kind === 'mark' && op.travellerIds.includes(Number(travellerId))) mark = { ...mark, boarding: op.state, boardingAt: op.at, boardingBy: null, waiting: true };
    }
    return mark;
  }
  function balanceOf(dealId) {
    const deal = server.deals[dealId];
    if (!deal) return null;
    const taking = queue.filter((op) => op.kind === 'cash' && op.dealId === Number(dealId)).reduce((n, op) => n + op.amountMinor, 0);
    return { ...deal, balanceMinor: Math.max(0, deal.balanceMinor - taking) };
  }

  function render() {
    for (const row of document.querySelectorAll('.boarding-row[data-traveller]')) {
      const mark = markOf(row.dataset.traveller);
      if (!mark) continue;
      row.dataset.boarding = mark.boarding;
      const word = row.getAttribute(`data-word-${mark.boarding}`) ?? '';
      const line = row.querySelector('.state');
      if (line) {
        if (mark.boarding === 'expected' || !mark.boardingAt) line.textContent = mark.waiting ? `${word} · ${words.pending}` : word;
        else line.textContent = fill(words.marked, { state: word, time: clock(mark.boardingAt), who: mark.waiting ? words.pending : (mark.boardingBy ?? '') });
      }
      for (const form of row.querySelectorAll('form[data-mark]')) {
        form.querySelector('input[name=ifState]').value = mark.boarding;
        const button = form.querySelector('button');
        if (form.dataset.mark !== 'expected') button.setAttribute('aria-pressed', String(mark.boarding === form.dataset.mark));
      }
    }
    // "Board the whole booking": the booking's travellers still expected, when more than one is.
    for (const form of document.querySelectorAll('form[data-board-all]')) {
      const dealId = form.closest('[data-deal]').dataset.deal;
      const waiting = [...document.querySelectorAll(`.boarding-row[data-deal="${dealId}"][data-traveller]`)].filter((r) => r.dataset.boarding === 'expected');
      form.hidden = waiting.length < 2;
      form.querySelector('input[name=travellerIds]').value = waiting.map((r) => r.dataset.traveller).join(',');
      form.querySelector('button').textContent = fill(words.boardAll, { n: waiting.length });
    }
    for (const form of document.querySelectorAll('form[data-collect]')) {
      const dealId = form.closest('[data-deal]').dataset.deal;
      const deal = balanceOf(dealId);
      if (!deal) continue;
      form.hidden = deal.balanceMinor <= 0;
      form.dataset.collect = String(deal.balanceMinor);
      if (deal.balanceMinor > 0) form.querySelector('button').textContent = fill(form.dataset.label, { amount: money(deal.balanceMinor, deal.currency) });
    }
    for (const list of document.querySelectorAll('[data-receipts]')) {
      const dealId = Number(list.dataset.receipts);
      const currency = server.deals[dealId]?.currency;
      const line = (text, receipt) => {
        const item = Object.assign(document.createElement('li'), { textContent: text });
        // Each collection the desk has recorded links its numbered receipt; one still on the phone has none yet.
        if (receipt) item.append(' ', Object.assign(document.createElement('a'), { href: `/payments/${receipt.paymentId}/receipt.pdf`, textContent: fill(words.receipt, { number: receipt.receiptNumber }) }));
        return item;
      };
      const lines = server.cashReceipts.filter((r) => r.dealId === dealId).map((r) => line(fill(words.cashLine, { amount: money(r.amountMinor, r.currency), time: clock(r.receivedAt), who: r.by ?? '' }), r.receiptNumber ? r : null));
      for (const op of queue) if (op.kind === 'cash' && op.dealId === dealId) lines.push(line(fill(words.cashLine, { amount: money(op.amountMinor, currency), time: clock(op.at), who: words.pending }), null));
      list.replaceChildren(...lines);
    }
    renderCounts();
    renderStatus();
    renderConflicts();
  }

  function renderCounts() {
    const marks = Object.keys(server.travellers).map(markOf);
    const boarded = marks.filter((m) => m.boarding === 'boarded').length;
    const noShow = marks.filter((m) => m.boarding === 'no_show').length;
    const totals = { boarded, no_show: noShow, expected: server.totals.total - boarded - noShow };
    for (const badge of document.querySelectorAll('[data-total]')) {
      const name = badge.dataset.total;
      if (name === 'cash') {
        const sums = new Map(server.totals.cash.map((c) => [c.currency, c.amountMinor]));
        // Cash waiting for another bus's booking is that bus's envelope.
        for (const op of queue) if (op.kind === 'cash' && server.deals[op.dealId]) sums.set(server.deals[op.dealId].currency, (sums.get(server.deals[op.dealId].currency) ?? 0) + op.amountMinor);
        const amount = [...sums].filter(([, n]) => n !== 0).map(([currency, n]) => money(n, currency)).join(' + ') || money(0, words.currency);
        badge.textContent = fill(words.cash, { amount });
      } else badge.textContent = badge.dataset.template.replace('#', String(totals[name]));
    }
    // Each stop's counts follow the marks on its rows.
    for (const section of document.querySelectorAll('.boarding-stop')) {
      for (const badge of section.querySelectorAll('[data-count]')) {
        const n = section.querySelectorAll(`.boarding-row[data-boarding="${badge.dataset.count}"]`).length;
        badge.textContent = badge.dataset.template.replace('#', String(n));
      }
    }
  }

  const statusLine = door.querySelector('[data-sync-status]');
  function renderStatus() {
    const parts = [];
    if (queue.length) parts.push(plural(words.waiting, queue.length));
    if (status === 'offline') parts.push(words.offline);
    else if (status === 'sending') parts.push(words.sending);
    else if (status === 'failed') parts.push(words.failed);
    // "All sent" confirms changes just sent, not a page where nothing was changed.
    else if (status === 'sent' && sentSome && !queue.length) parts.push(words.allSent);
    statusLine.hidden = parts.length === 0 && status !== 'signin';
    statusLine.dataset.waiting = String(queue.length);
    statusLine.className = `door-sync small ${queue.length || status === 'offline' || status === 'signin' ? 'waiting' : ''}`;
    statusLine.replaceChildren(document.createTextNode(parts.join(' · ')));
    if (status === 'signin') {
      const link = Object.assign(document.createElement('a'), { href: `/login?next=${encodeURIComponent(location.pathname)}`, textContent: words.signIn });
      if (parts.length) statusLine.append(' · ');
      statusLine.append(link);
    }
  }

  const conflictBox = door.querySelector('[data-conflicts]');
  function renderConflicts() {
    conflictBox.hidden = conflicts.length === 0;
    const list = conflictBox.querySelector('ul');
    list.replaceChildren(
      ...conflicts.map((conflict) => {
        const item = document.createElement('li');
        item.dataset.conflict = conflict.op.id;
        const text = document.createElement('p');
        const actions = document.createElement('div');
        actions.className = 'actions';
        const button = (label, tone, action) => {
          const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label, className: tone });
          b.addEventListener('click', action);
          return b;
        };
        const drop = () => {
          conflicts = conflicts.filter((c) => c !== conflict);
          save();
          render();
        };
        if (conflict.op.kind === 'mark' && conflict.travellers?.length) {
          text.textContent = conflict.travellers
            .map((t) => {
              const row = document.querySelector(`.boarding-row[data-traveller="${t.travellerId}"]`);
              const word = (state) => (row ? row.getAttribute(`data-word-${state}`) : state) ?? state;
              return fill(words.conflictMark, { name: t.name, state: word(t.boarding), who: t.boardingBy ?? '', time: t.boardingAt ? clock(t.boardingAt) : '', mine: word(conflict.op.state) });
            })
            .join(' ');
          actions.append(
            button(words.keepTheirs, 'secondary', drop),
            button(words.useMine, '', () => {
              for (const t of conflict.travellers) queueChange({ kind: 'mark', dealId: conflict.op.dealId, travellerIds: [t.travellerId], state: conflict.op.state, ifState: t.boarding });
              drop();
            }),
          );
        } else {
          const deal = server.deals[conflict.op.dealId];
          text.textContent = conflict.op.kind === 'cash' ? fill(words.conflictCash, { client: deal?.client ?? '', amount: money(conflict.op.amountMinor, deal?.currency ?? 'EUR'), why: conflict.message }) : conflict.message;
          actions.append(button(words.dismiss, 'secondary', drop));
        }
        item.append(text, actions);
        return item;
      }),
    );
  }

  function queueChange(change) {
    queue.push({ id: newId(), at: new Date().toISOString(), ...change });
    save();
    render();
    send();
  }

  let sending = null;
  /** Sends what waits (nothing: just asks how the bus stands) and shows the answer. */
  function send() {
    if (sending) {
      sending.again = true;
      return sending.done;
    }
    sending = { again: false };
    sending.done = (async () => {
      do {
        sending.again = false;
        await sendOnce();
      } while (sending.again && status === 'sent');
      sending = null;
    })();
    return sending.done;
  }

  async function sendOnce() {
    const batch = queue.slice(0, 200);
    if (batch.length) {
      status = 'sending';
      renderStatus();
    }
    let response;
    try {
      response = await fetch(`/departures/${departureId}/boarding/sync${bus ? `?vehicleId=${bus}` : ''}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ ops: batch }),
        credentials: 'same-origin',
        redirect: 'manual',
      });
    } catch {
      status = 'offline';
      renderStatus();
      return;
    }
    // Sent to sign in (a redirect), or the session's token refused: the changes stay kept.
    if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
      status = 'signin';
      renderStatus();
      return;
    }
    if (!response.ok) {
      status = 'failed';
      renderStatus();
      return;
    }
    const answer = await response.json();
    if (batch.length) sentSome = true;
    for (const result of answer.results) {
      const op = batch.find((o) => o.id === result.id);
      queue = queue.filter((o) => o.id !== result.id);
      if (op && (result.status === 'conflict' || result.status === 'refused')) conflicts.push({ op, message: result.message, reason: result.reason, travellers: result.travellers });
    }
    server = stateOf(answer.list);
    status = 'sent';
    save();
    render();
    if (queue.length && batch.length) sending.again = true;
  }

  /** The server's boarding list as the page keeps it. */
  function stateOf(list) {
    const travellers = {};
    const deals = {};
    for (const stop of list.stops) {
      for (const t of stop.travellers) {
        if (t.travellerId !== null) travellers[t.travellerId] = { dealId: t.dealId, boarding: t.boarding, boardingAt: t.boardingAt, boardingBy: t.boardingBy };
        const deal = deals[t.dealId] ?? { balanceMinor: 0, currency: t.currency, client: t.client };
        deal.balanceMinor += t.balanceMinor;
        deals[t.dealId] = deal;
      }
    }
    return { at: list.at, travellers, deals, totals: list.totals, cashReceipts: list.cashReceipts };
  }

  // The taps: kept and shown at once, sent behind.
  for (const form of door.querySelectorAll('form[data-mark]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const row = form.closest('[data-traveller]');
      const ifState = row.dataset.boarding;
      if (ifState === form.dataset.mark) return;
      queueChange({ kind: 'mark', dealId: Number(row.dataset.deal), travellerIds: [Number(row.dataset.traveller)], state: form.dataset.mark, ifState });
    });
  }
  for (const form of door.querySelectorAll('form[data-board-all]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const ids = form.querySelector('input[name=travellerIds]').value.split(',').filter(Boolean).map(Number);
      if (ids.length) queueChange({ kind: 'mark', dealId: Number(form.closest('[data-deal]').dataset.deal), travellerIds: ids, state: 'boarded', ifState: 'expected' });
    });
  }
  const cashDialog = door.querySelector('[data-cash-dialog]');
  for (const form of door.querySelectorAll('form[data-collect]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const dealId = Number(form.closest('[data-deal]').dataset.deal);
      const deal = balanceOf(dealId);
      if (!deal || deal.balanceMinor <= 0) return;
      const amountMinor = deal.balanceMinor;
      cashDialog.querySelector('[data-cash-question]').textContent = fill(words.cashConfirm, { amount: money(amountMinor, deal.currency), client: deal.client });
      cashDialog.returnValue = '';
      cashDialog.onclose = () => {
        if (cashDialog.returnValue === 'yes') queueChange({ kind: 'cash', dealId, amountMinor });
      };
      cashDialog.showModal();
    });
  }

  // Finding someone: the list is filtered as the guide types, on the phone (no signal needed).
  const find = door.querySelector('#boarding-q');
  const nobody = door.querySelector('[data-nobody]');
  const fold = (text) => text.toLocaleLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ё/g, 'е');
  function filter() {
    const wanted = fold(find.value.trim());
    const digits = wanted.replace(/\D/g, '').replace(/^0+/, '');
    let shown = 0;
    for (const row of door.querySelectorAll('.boarding-row')) {
      const text = fold(row.dataset.search);
      const match = !wanted || text.includes(wanted) || (digits.length >= 3 && text.replace(/\D/g, '').includes(digits));
      row.hidden = !match;
      if (match) shown++;
    }
    for (const section of door.querySelectorAll('.boarding-stop')) section.hidden = Boolean(wanted) && !section.querySelector('.boarding-row:not([hidden])');
    nobody.hidden = shown > 0 || !wanted;
  }
  find.addEventListener('input', filter);
  find.form.addEventListener('submit', (event) => {
    event.preventDefault();
    filter();
  });

  // The camera reads a voucher's QR code (jsQR, loaded when first asked for).
  const scanner = door.querySelector('[data-scanner]');
  const scanButton = door.querySelector('[data-scan]');
  const video = scanner.querySelector('[data-scan-video]');
  const message = scanner.querySelector('[data-scan-message]');
  let stream = null;
  let decoder = null;
  function loadDecoder() {
    if (window.jsQR) return Promise.resolve(window.jsQR);
    decoder ??= new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: '/assets/jsqr.js' });
      script.onload = () => resolve(window.jsQR);
      script.onerror = reject;
      document.head.append(script);
    });
    return decoder;
  }
  function readCode(source, width, height) {
    const scale = Math.min(1, 1024 / Math.max(width, height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  }
  /** A voucher's code holds a link to /v/REFERENCE; a bare reference is taken as it is. */
  const referenceIn = (text) => {
    const link = /\/v\/([^/?#\s]+)/.exec(text);
    return (link ? decodeURIComponent(link[1]) : text).trim();
  };
  async function found(text) {
    const reference = referenceIn(text);
    const row = [...door.querySelectorAll('.boarding-row[data-ref]')].find((r) => r.dataset.ref.toLowerCase() === reference.toLowerCase());
    if (row) {
      closeScanner();
      find.value = '';
      filter();
      row.scrollIntoView({ block: 'center' });
      row.classList.add('found');
      setTimeout(() => row.classList.remove('found'), 4000);
      row.querySelector('button')?.focus({ preventScroll: true });
      message.textContent = fill(words.scan.found, { name: row.dataset.name });
      return true;
    }
    message.textContent = fill(words.scan.notHere, { ref: reference });
    // With a network, which bus it is for.
    try {
      const response = await fetch(`/v/${encodeURIComponent(reference)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'manual' });
      if (response.ok) {
        const other = await response.json();
        if (String(other.departureId) !== departureId) message.textContent = fill(words.scan.elsewhere, { ref: other.reference, title: other.title, when: other.when });
        else if (bus && String(other.vehicleId) !== bus) {
          // The same trip, another bus: say which, with its list a tap away.
          const link = Object.assign(document.createElement('a'), { href: other.boarding, textContent: fill(words.openBus, { bus: other.bus }) });
          message.replaceChildren(document.createTextNode(`${fill(words.otherBus, { ref: other.reference, bus: other.bus })} `), link);
        }
      }
    } catch {
      // Offline: "not on this bus" is all the phone knows.
    }
    return false;
  }
  async function watch() {
    if (!stream || !scanner.open) return;
    if (video.readyState >= 2 && video.videoWidth) {
      const code = readCode(video, video.videoWidth, video.videoHeight);
      if (code && code.data && (await found(code.data))) return;
    }
    setTimeout(watch, 200);
  }
  async function openScanner() {
    message.textContent = words.scan.camera;
    video.hidden = false;
    scanner.showModal();
    try {
      await loadDecoder();
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      video.srcObject = stream;
      await video.play();
      watch();
    } catch {
      video.hidden = true;
      message.textContent = words.scan.noCamera;
    }
  }
  function closeScanner() {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    video.srcObject = null;
    if (scanner.open) scanner.close();
  }
  scanButton.hidden = false;
  scanButton.addEventListener('click', openScanner);
  scanner.querySelector('[data-scan-close]').addEventListener('click', closeScanner);
  scanner.addEventListener('close', closeScanner);
  // Without a camera (or its permission), a photo of the code does the same.
  scanner.querySelector('[data-scan-photo]').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    await loadDecoder();
    const image = await createImageBitmap(file);
    const code = readCode(image, image.width, image.height);
    if (!code || !code.data) message.textContent = words.scan.noCode;
    else await found(code.data);
  });

  // Signing out with changes waiting would lose them: ask first.
  for (const form of document.querySelectorAll('form[action="/logout"]')) {
    form.addEventListener('submit', (event) => {
      if (queue.length && !window.confirm(words.signOutPending)) event.preventDefault();
    });
  }

  load();
  render();
  send();
  window.addEventListener('online', send);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && send());
  setInterval(() => document.visibilityState === 'visible' && send(), REFRESH_MS);
  // Keep this page on the phone for when there is no signal.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((worker) => worker.active?.postMessage({ keep: location.pathname + (bus && new URLSearchParams(location.search).has('vehicleId') ? `?vehicleId=${bus}` : '') }))
      .catch(() => {});
  }
})();
