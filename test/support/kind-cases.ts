/**
 * Sentences written for the kinds of language the interest reader must get right, in every
 * language where the kind exists. Written by hand, not taken from any labelled set: the
 * tests read each one, and npm run check:blind counts them as text the word lists were made for.
 */
import type { RulesConfig } from '../../src/config/rules-config.js';
import { imperativeForms } from '../../src/rules/grammar.js';
import type { Stance } from '../../src/rules/reply-rules.js';

export type InterestKind =
  'past' | 'inability' | 'imperative' | 'countOn' | 'shortAnswer' | 'meToo' | 'litotes' | 'condition';

export interface KindCase {
  kind: InterestKind;
  language: string;
  text: string;
  /** 'not interest' only for the few the reader does not read right yet, each row saying which and how. */
  expected: Stance | 'not interest';
}

const rows = (kind: InterestKind, expected: KindCase['expected'], byLanguage: Record<string, string[]>): KindCase[] =>
  Object.entries(byLanguage).flatMap(([language, texts]) => texts.map((text) => ({ kind, language, text, expected })));

export const KIND_CASES: KindCase[] = [
  // 1. Interest told in the past or as an unrealised wish, then cancelled: no longer interested,
  // which takes back a yes said earlier in the thread.
  ...rows('past', 'withdrawal', {
    en: [
      'I was really interested back then, but I moved to Porto.',
      'I would have come, but the new job takes my evenings.',
      "Originally I wanted to join, now I'm in another city.",
    ],
    'en-IN': ['I was also interested earlier but now I shifted to Pune.'],
    de: [
      'Ich hätte Interesse gehabt, aber ich bin inzwischen nach Wien gezogen.',
      'Ich wäre gerne dabei gewesen, leider habe ich jetzt einen neuen Job.',
      'Früher war ich interessiert, inzwischen arbeite ich nicht mehr mit Mautic.',
      'Ich wollte eigentlich kommen, aber es hat sich erledigt.',
    ],
    fr: ["J'étais intéressé, mais j'ai changé de travail depuis.", 'Au début je voulais participer, plus maintenant.'],
    es: ['Estaba interesado, pero ya me he mudado a Valencia.', 'Me habría gustado ir, pero cambié de trabajo.'],
    pt: ['Eu estava interessado, mas mudei de emprego.', 'No início eu ia participar, mas mudei de cidade.'],
    it: ['Ero interessato, ma nel frattempo ho cambiato lavoro.'],
    nl: [
      'Ik was geïnteresseerd, maar ik ben inmiddels verhuisd.',
      'Ik wilde eerst komen, maar ik heb een nieuwe baan.',
      'Ik zou erbij zijn geweest, maar nu woon ik in Gent.',
    ],
    pl: ['Byłem zainteresowany, ale zmieniłem pracę.'],
  }),
  // The same, where the reader does not yet find the interest told in the past (it reads none, so a
  // yes said earlier would stand): kept apart until the word lists read them.
  ...rows('past', 'not interest', {
    en: ['I used to be keen on this before I changed jobs.'],
    fr: ["J'aurais aimé venir, mais je déménage à Nantes."],
    es: ['Al principio quería participar, ahora no uso Mautic.'],
    pt: ['Teria gostado de participar, mas agora moro no Porto.'],
    it: ['Avrei voluto venire, ma ora vivo a Torino.', "All'inizio volevo partecipare, adesso non più."],
    pl: ['Chciałem przyjść, ale przeprowadziłem się do Gdańska.', 'Początkowo chciałam dołączyć, teraz już nie.'],
  }),
  // The same tenses for something else, with interest said now, stay interest.
  ...rows('past', 'interest', {
    en: ["I was at the Paris one last year, and I'll come to this one too."],
    de: ['Ich war letztes Jahr in Wien dabei. Diesmal bin ich auch dabei!'],
    fr: ["J'étais à celle de Lyon l'an dernier. Je viendrai à celle-ci aussi."],
    es: ['Estuve en el de Madrid. A este también me apunto.'],
    pt: ['Fui ao de Lisboa no ano passado. Conta comigo neste também.'],
    it: ["Ero a quello di Roma l'anno scorso. Ci sarò anche a questo."],
    nl: ['Ik was vorig jaar in Utrecht. Deze keer doe ik ook mee.'],
    pl: ['Byłem na spotkaniu w Krakowie. Na to też przyjdę.'],
  }),
  // 2. An attendance verb governed by distance or inability.
  ...rows('inability', 'withdrawal', {
    en: [
      'Would love to, but it is too far for me to come.',
      'I am unable to attend, sorry.',
      "Sadly I'm not able to join this time.",
    ],
    'en-IN': ['It is too far for me to come from Noida, sorry.'],
    de: ['Würde gerne, aber es ist mir zu weit, um zu kommen.', 'Ich bin leider nicht in der Lage teilzunehmen.'],
    fr: ["J'aimerais bien, mais c'est trop loin pour moi pour venir.", "Je ne suis pas en mesure d'y participer."],
    es: ['Me encantaría, pero me queda demasiado lejos para ir.', 'No puedo asistir, lo siento.'],
    pt: ['Adoraria, mas é longe demais para mim ir até lá.', 'Não consigo participar desta vez.'],
    it: ['Mi piacerebbe, ma è troppo lontano per me per venire.', 'Non riesco a partecipare, mi dispiace.'],
    nl: ['Ik zou graag willen, maar het is te ver voor mij om te komen.', 'Ik ben niet in staat om te komen.'],
    pl: ['Chętnie, ale to za daleko dla mnie, żeby przyjść.', 'Nie jestem w stanie przyjść, przepraszam.'],
  }),
  // 3a. Imperatives that ask to be counted, with the object as each language attaches it.
  ...rows('imperative', 'interest', {
    en: ['Please put me on the list.', 'Add my name, thanks!', 'Pencil me in for the first one.'],
    'en-IN': ['Kindly add my name also.', 'Please count me also.'],
    de: ['Tragt mich bitte ein.', 'Schreibt mich auf die Liste!', 'Zählt mich mit.'],
    fr: ['Inscrivez-moi !', "Ajoutez-moi à la liste s'il vous plaît.", 'Notez-moi pour la première.'],
    es: ['¡Apúntame!', 'Apuntadnos a los dos.', 'Añádeme a la lista, porfa.'],
    pt: ['Me inscreve aí!', 'Coloquem-me na lista, por favor.', 'Adiciona-me à lista.'],
    it: ['Segnami!', 'Aggiungetemi alla lista, grazie.', 'Iscrivimi per il primo.'],
    nl: ['Zet me maar op de lijst.', 'Schrijf mij in!', 'Noteer ons voor de eerste.'],
    pl: ['Zapiszcie mnie!', 'Dopiszcie mnie do listy.', 'Wpisz nas, proszę.'],
  }),
  // 3b. "You can count on me".
  ...rows('countOn', 'interest', {
    en: ['You can count on me.', 'Count on us for the first one!'],
    de: ['Auf mich könnt ihr zählen.', 'Ihr könnt auf uns zählen!'],
    fr: ['Vous pouvez compter sur moi.', 'Tu peux compter sur nous !'],
    es: ['Podéis contar conmigo.', 'Puedes contar con nosotros.'],
    pt: ['Podem contar comigo!', 'Pode contar conosco.'],
    it: ['Potete contare su di me.', 'Puoi contare su di noi!'],
    nl: ['Je kunt op mij rekenen.', 'Jullie kunnen op ons rekenen!'],
    pl: ['Możecie na mnie liczyć.', 'Liczcie na nas!'],
  }),
  // 3c. A short answer to the opening question.
  ...rows('shortAnswer', 'interest', {
    en: ['Me!', 'Yes please!', 'See you there!'],
    'en-IN': ['Yes, me!'],
    de: ['Ja, gerne!', 'Ich!', 'Bis dann!'],
    fr: ['Moi !', 'Oui, avec plaisir !', 'On se voit là-bas !'],
    es: ['¡Yo!', '¡Sí, claro!', '¡Nos vemos allí!'],
    pt: ['Eu!', 'Sim, claro!', 'Nos vemos lá!'],
    it: ['Io!', 'Sì, volentieri!', 'Ci vediamo lì!'],
    nl: ['Ik!', 'Ja, graag!', 'Tot dan!'],
    pl: ['Ja!', 'Tak, jasne!', 'Do zobaczenia!'],
  }),
  // A yes inside a longer reply answers something else.
  ...rows('shortAnswer', 'none', {
    en: ['Yes, the fifth works for the room, I checked with the facility manager.'],
    de: ['Ja, der Raum ist am Freitag frei, ich habe beim Hausmeister nachgefragt.'],
    fr: ["Oui, la salle est libre le vendredi, j'ai vérifié avec l'accueil."],
    es: ['Sí, la sala está libre el viernes, lo he preguntado en recepción.'],
    pt: ['Sim, a sala está livre na sexta, confirmei com a recepção.'],
    it: ['Sì, la sala è libera il venerdì, ho chiesto alla reception.'],
    nl: ['Ja, de zaal is vrijdag vrij, ik heb het bij de receptie nagevraagd.'],
    pl: ['Tak, sala jest wolna w piątek, pytałem na recepcji.'],
  }),
  // 3d. "Me too", "also", Indian English word order included.
  ...rows('meToo', 'interest', {
    en: ['Me too!', 'Same here, count me in.'],
    'en-IN': ['Me also.', 'I also.', 'Myself also interested.', 'I am also in.'],
    de: ['Ich auch!', 'Wir ebenfalls.'],
    fr: ['Moi aussi !', 'Nous aussi.'],
    es: ['¡Yo también!', 'Nosotros también.'],
    pt: ['Eu também!', 'Nós também.'],
    it: ["Anch'io!", 'Anche noi.'],
    nl: ['Ik ook!', 'Wij ook.'],
    pl: ['Ja też!', 'Ja również.'],
  }),
  // "Me neither", about a day: not a yes, nor a no to the meetup.
  ...rows('meToo', 'none', {
    en: ["Me neither, I can't make Fridays."],
    de: ['Ich auch nicht, freitags geht bei mir nicht.'],
    fr: ['Moi non plus, le vendredi ne me va pas.'],
    es: ['Yo tampoco puedo los viernes.'],
    pt: ['Eu também não posso às sextas.'],
    it: ['Neanche io posso il venerdì.'],
    nl: ['Ik ook niet, vrijdag kan ik niet.'],
  }),
  // The same in Polish, which the reader takes for a withdrawal ("nie mogę"): kept apart until it reads none.
  ...rows('meToo', 'not interest', {
    pl: ['Ja też nie mogę w piątki.'],
  }),
  // 3e. Litotes: not missing it.
  ...rows('litotes', 'interest', {
    en: ["Wouldn't miss it!", 'I would not miss it for anything.'],
    de: ['Das lasse ich mir nicht entgehen!', 'Will ich auf keinen Fall verpassen.'],
    fr: ['Je ne raterais ça pour rien au monde.', 'Je ne manquerai pas ça !'],
    es: ['¡No me lo pierdo!', 'No me lo perdería por nada.'],
    pt: ['Não perco por nada!', 'Não vou perder!'],
    it: ['Non me lo perdo!', 'Non mancherò!'],
    nl: ['Dat wil ik niet missen!', 'Ik ga het zeker niet missen.'],
    pl: ['Nie przegapię!', 'Nie może mnie zabraknąć!'],
  }),
  // 1b. An unrealised wish said with the participle of an attendance verb, and a negator that ends the clause.
  ...rows('past', 'withdrawal', {
    de: [
      'Ich hätte gerne teilgenommen, leider bin ich umgezogen.',
      'Wäre gerne gekommen, aber jetzt wohne ich in Kiel.',
    ],
    nl: ['Ik had graag willen komen, maar het lukt niet meer.', 'Ik had graag meegedaan, maar ik ben verhuisd.'],
  }),
  ...rows('inability', 'withdrawal', {
    de: ['Leider schaffe ich es an dem Tag nicht.', 'Ich komme an diesem Donnerstag leider nicht.'],
    nl: ['Ik kom die donderdag helaas niet.', 'Volgende maand kan ik er helaas niet bij zijn.'],
  }),
  // 2b. Distance first, then what one would do otherwise: a counterfactual, not a yes; the obstacle is a no.
  ...rows('inability', 'withdrawal', {
    en: ["Too far for me, otherwise I'd join."],
    de: ['Leider zu weit weg für mich, sonst wäre ich dabei.'],
    fr: ['Trop loin pour moi, sinon je serais venu.'],
    es: ['Me queda demasiado lejos, si no me apuntaría.'],
    pt: ['Longe demais, senão eu iria.'],
    it: ['Troppo lontano, altrimenti verrei.'],
    nl: ['Te ver weg, anders zou ik komen.'],
    pl: ['Za daleko, inaczej bym przyszedł.'],
  }),
  // 2d. A wish in the conditional, then "but" and why not: a polite no, whatever the reason.
  ...rows('inability', 'withdrawal', {
    en: ["I'd love to come, but I'm travelling that week."],
    de: ['Gerne würde ich kommen, aber ich bin im Urlaub.'],
    fr: ["J'aimerais venir, mais je suis en déplacement."],
    es: ['Me gustaría ir, pero estaré de viaje.'],
    pt: ['Gostaria de ir, mas estarei viajando.'],
    it: ['Mi piacerebbe venire, ma sarò in trasferta.'],
    nl: ['Ik zou graag komen, maar ik zit dan in het buitenland.'],
    pl: ['Chciałbym przyjść, ale będę w delegacji.'],
  }),
  // 2c. A negator between a separable verb and its particle.
  ...rows('inability', 'withdrawal', {
    de: ['Ich komme leider nicht mit.', 'Ich mache diesmal nicht mit.'],
    nl: ['Ik doe deze keer niet mee.', 'Ik kom helaas niet langs.'],
  }),
  // 4. A condition: in a clause before the comma, or a hedge just after the verb. Not yet a yes, nor a no.
  ...rows('condition', 'none', {
    en: ['If it is on a Friday, I will come.', "I'll come maybe, depends on work."],
    de: ['Falls es an einem Freitag ist, komme ich vielleicht.', 'Wenn es abends ist, bin ich dabei.'],
    fr: ["Si c'est un vendredi, je viendrai peut-être.", 'Je viendrai peut-être, ça dépend du jour.'],
    es: ['Si es un viernes, me apunto.', 'Iré quizás, depende del trabajo.'],
    pt: ['Se for numa sexta, eu vou.', 'Vou talvez, depende do trabalho.'],
    it: ['Se è di venerdì, vengo.', 'Vengo forse, dipende dal lavoro.'],
    nl: ['Als het op vrijdag is, kom ik misschien.', 'Als het in de avond is, doe ik mee.'],
    pl: ['Jeśli to będzie w piątek, to przyjdę.', 'Przyjdę może, zależy od pracy.'],
  }),
  ...rows('condition', 'interest', {
    en: ['Hi everyone, count me in!', 'If you need a venue, I can host. Count me in either way.'],
    de: ['Hallo zusammen, ich bin dabei!', 'Klingt gut, ich komme vorbei.'],
    fr: ['Bonjour à tous, je viens !', 'Super idée, je serai là.'],
    es: ['Hola a todos, me apunto.', 'Buena idea, allí estaré.'],
    pt: ['Olá pessoal, estou dentro!', 'Boa ideia, contem comigo.'],
    it: ['Ciao a tutti, ci sarò!', 'Bella idea, vengo volentieri.'],
    nl: ['Hoi allemaal, ik ben erbij!', 'Leuk idee, ik doe mee.'],
    pl: ['Cześć wszystkim, będę na pewno!', 'Świetny pomysł, chętnie dołączę.'],
  }),
  // 4a. Trying is not yet a yes, nor a no.
  ...rows('condition', 'none', {
    en: ['I will try to come.'],
    de: ['Ich versuche zu kommen.'],
    fr: ["J'essaierai de venir."],
    es: ['Intentaré ir.'],
    pt: ['Vou tentar ir.'],
    it: ['Cercherò di venire.'],
    nl: ['Ik probeer te komen.'],
    pl: ['Postaram się przyjść.'],
  }),
  // 4b. "Even if" concedes: what follows the comma holds.
  ...rows('condition', 'interest', {
    en: ["Even if my English is rusty, I'll come."],
    de: ['Auch wenn mein Deutsch nicht perfekt ist, bin ich dabei.'],
    fr: ["Même si c'est loin, je viendrai."],
    es: ['Aunque me queda lejos, me apunto.'],
    pt: ['Mesmo que seja longe, eu vou.'],
    it: ['Anche se è lontano, vengo.'],
    nl: ['Ook al is het ver, ik kom.'],
    pl: ['Nawet jeśli to daleko, przyjdę.'],
  }),
];

/** The paradigm cases each language's grammar promises, built from its parts. */
export function grammarCases(
  config: RulesConfig,
): Array<{ language: string; kind: InterestKind; yes: string; no: string }> {
  const out: Array<{ language: string; kind: InterestKind; yes: string; no: string }> = [];
  for (const [language, g] of Object.entries(config.interest.grammar)) {
    const negator = config.interest.negators[language]![0]!;
    if (g.imperatives)
      for (const { form } of imperativeForms(g.imperatives))
        for (const object of g.imperatives.objects)
          for (const attach of g.imperatives.attach) {
            const said =
              attach === 'suffix'
                ? `${form}${object}`
                : attach === 'hyphen'
                  ? `${form}-${object}`
                  : attach === 'before'
                    ? `${object} ${form}`
                    : `${form} ${object}`;
            out.push({ language, kind: 'imperative', yes: `${said}, please!`, no: `${negator} ${said}.` });
          }
    if (g.countOn)
      for (const verb of g.countOn.verbs)
        for (const object of g.countOn.objects)
          out.push({
            language,
            kind: 'countOn',
            yes: `${verb} ${object}!`,
            no: `${verb} ${object}?`,
          });
    if (g.additive)
      for (const pronoun of g.additive.pronouns)
        for (const particle of g.additive.particles)
          out.push({ language, kind: 'meToo', yes: `${pronoun} ${particle}!`, no: `${pronoun} ${particle}?` });
  }
  return out;
}
