import { likertItem, npsItem } from '../builders';
import type { Construct } from '../schema';

export const engagement: Construct = {
  id: 'engagement',
  pillarId: 'personnel',
  name: { ja: 'エンゲージメント', en: 'Engagement' },
  description: {
    ja: '職場として市役所を人に勧めたいか（eNPS）、市民のために働く誇り、仕事への意欲、働き続けたい気持ち。採用活動で伝える「働く場としての魅力」の実感を映す。',
    en: 'Whether staff would recommend the city as a place to work (eNPS), pride in serving residents, motivation and wish to stay — the workplace appeal that recruitment promises, as staff experience it.',
  },
  priorities: ['midcareer'],
  initiatives: ['per-01', 'per-03', 'per-05', 'cul-01'],
  indicator: 'enps',
  items: [
    npsItem('eng.recommend', {
      ja: '親しい友人や知人に、この市役所を職場として勧めたいと思いますか（0：全く勧めない〜10：強く勧める）',
      en: 'How likely would you be to suggest this city government to a friend or acquaintance as a place to work? (0 = not at all, 10 = very likely)',
    }),
    likertItem('eng.proud_to_serve', {
      ja: '市民のための仕事に携わっていることに誇りを感じる',
      en: 'I take pride in doing work that serves the city’s residents.',
    }),
    likertItem('eng.motivated', {
      ja: '日々の仕事に意欲を持って取り組めている',
      en: 'I go about my daily work with real motivation.',
    }),
    likertItem('eng.intend_to_stay', {
      ja: 'これからもこの市役所で働き続けたい',
      en: 'I want to go on working for this city government.',
    }),
  ],
};
