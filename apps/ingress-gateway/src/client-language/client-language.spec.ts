import { clientLanguage } from './client-language';

describe('clientLanguage', () => {
  it.each([
    [undefined, 'en-US'],
    ['', 'en-US'],
    ['fr-FR', 'en-US'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-GB,en;q=0.9', 'en-US'],
    ['fr-FR,zh-CN;q=0.8,en;q=0.7', 'zh-CN'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh-CN'],
    ['zh-CN;q=0, en', 'en-US'],
    ['zh-CN en-US', 'zh-CN'],
  ])('should read %j as %s', (header, language) => {
    expect(clientLanguage(header)).toBe(language);
  });
});
