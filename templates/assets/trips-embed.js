// The agency's trips on its own site: <script src="https://desk.example/trips/embed.js" data-lang="bg" async></script>
// Plain ES2017, no dependencies. The list is built from text nodes only: titles are the agency's words, never markup.
(function () {
  'use strict';
  var WORDS = __WORDS__;
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var origin = new URL(script.src).origin;
  var asked = (script.getAttribute('data-lang') || document.documentElement.lang || 'en').slice(0, 2).toLowerCase();
  var lang = WORDS[asked] ? asked : 'en';
  var words = WORDS[lang];
  var box = document.getElementById('tourdesk-trips');
  if (!box) {
    box = document.createElement('div');
    box.id = 'tourdesk-trips';
    script.parentNode.insertBefore(box, script.nextSibling);
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }
  function money(minor, currency) {
    var format = new Intl.NumberFormat(words.intl, { style: 'currency', currency: currency });
    return format.format(minor / Math.pow(10, format.resolvedOptions().maximumFractionDigits));
  }
  function when(ms, zone) {
    var options = { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(words.intl, options).format(new Date(ms));
  }
  function card(trip) {
    var item = node('li', 'tourdesk-trip');
    var lowest = Math.min.apply(null, trip.prices.map(function (price) { return price.priceMinor; }));
    var seats = trip.seatsLeft > 0 ? words.seatsLeft.replace('{n}', String(trip.seatsLeft)) : words.soldOut;
    var book = node('a', 'tourdesk-book', words.book);
    book.href = origin + '/trips/' + trip.id + '?lang=' + lang;
    [
      node('strong', 'tourdesk-title', trip.title),
      node('span', 'tourdesk-date', when(trip.departsAt, trip.timeZone)),
      node('span', 'tourdesk-price', words.from.replace('{price}', money(lowest, trip.currency))),
      node('span', trip.seatsLeft > 0 ? 'tourdesk-seats' : 'tourdesk-seats tourdesk-sold-out', seats),
      book,
    ].forEach(function (part) {
      item.appendChild(part);
      item.appendChild(document.createTextNode(' '));
    });
    return item;
  }

  fetch(origin + '/api/v1/public/departures', { headers: { Accept: 'application/json' } })
    .then(function (answer) {
      if (!answer.ok) throw new Error('HTTP ' + answer.status);
      return answer.json();
    })
    .then(function (body) {
      var list = node('ul', 'tourdesk-list');
      body.items.forEach(function (trip) { list.appendChild(card(trip)); });
      box.textContent = '';
      box.appendChild(list);
    })
    .catch(function () {
      // The agency's page stays as it was: no list is better than a broken one.
    });
})();
